#!/bin/bash
# The layers the build enforces (DEVELOPERS.md, "Layers"): a file compiled as
# part of a layer cannot include a header of a layer above it. Takes the real
# compile command of one file per layer from compile_commands.json and compiles
# a probe with it: an upward include must fail, a same-or-lower one must work.
set -u
B=${NOHIN_BINARY_DIR:?}
S=${NOHIN_SOURCE_DIR:?}
DB="$B/compile_commands.json"
[ -f "$DB" ] || { echo "no compile_commands.json: skipped"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
# probe LAYER_FILE HEADER EXPECT(ok|fail)
probe() {
  local cmd
  cmd=$(/usr/bin/python3 - "$DB" "$S/$1" "$T/p.c" "$T/p.o" <<'PY'
import json, shlex, sys
db, src, probe, obj = sys.argv[1:]
for e in json.load(open(db)):
    if e["file"] == src:
        args = shlex.split(e["command"])
        out = []
        skip = False
        for i, a in enumerate(args):
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MT", "-c"):
                skip = a != "-c"
                continue
            if a == src or a in ("-MD", "-MMD"):
                continue
            out.append(a)
        print(" ".join(shlex.quote(a) for a in out + ["-fsyntax-only", probe]))
        break
PY
)
  [ -n "$cmd" ] || { echo "FAIL: no compile command for $1"; fail=1; return; }
  printf '#include "%s"\nint nohin_probe;\n' "$2" >"$T/p.c"
  if (cd "$B" && eval "$cmd") >/dev/null 2>&1; then got=ok; else got=fail; fi
  if [ "$got" = "$3" ]; then echo "ok: $1 including $2: $3"; else echo "FAIL: $1 including $2: $got, expected $3"; fail=1; fi
}
probe src/core/mask.c core/fs.h ok
probe src/core/mask.c nohin_internal.h ok
probe src/core/mask.c readers/zip_safe.h fail
probe src/core/mask.c ooxml/ooxml.h fail
probe src/core/mask.c bundle/zip_input.h fail
probe src/readers/zip_safe.c ooxml/ooxml.h ok
probe src/readers/zip_safe.c core/fs.h ok
probe src/readers/zip_safe.c clean/fsutil.h fail
probe src/readers/zip_safe.c pii/pii.h fail
probe src/ooxml/ref.c reporters/reporter.h fail
probe src/clean/fsutil.c readers/archive.h ok
probe src/clean/fsutil.c cli/commands.h fail
# src/core holds nothing that names a higher layer (the pipeline, lint.c, and
# type detection, detect.c, are compiled with the layers above: CMakeLists.txt).
bad=$(grep -lE '#include "(readers|ooxml|pii|bundle|clean|intake|reporters|cli)/' "$S"/src/core/*.[ch] |
      grep -vE '/(lint|detect)\.c$')
if [ -z "$bad" ]; then echo "ok: src/core includes no higher layer"; else echo "FAIL: $bad"; fail=1; fi
exit $fail
