#!/bin/bash
# A real mail server: Postfix (Debian `postfix`) started on a loopback port with a
# temporary configuration (its own config, queue and data folders; virtual
# delivery into a Maildir), the drafts of `nohin pack` sent through it with
# Python's smtplib, and `nohin intake --watch` on that Maildir writes the
# submission's verdict and the reply draft within 30 s. Postfix is stopped at
# the end. Skipped (77) where Postfix is missing or cannot start (not root, no
# postfix user, …).
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
skip() { echo "SKIP: $*"; exit 77; }
command -v postfix >/dev/null || [ -x /usr/sbin/postfix ] || skip "postfix is not installed (scripts/packages.txt)"
PF=$(command -v postfix || echo /usr/sbin/postfix)
[ "$(id -u)" -eq 0 ] || skip "postfix start needs root"
getent passwd postfix >/dev/null && getent group postdrop >/dev/null || skip "no postfix user/postdrop group"
T=$(mktemp -d /tmp/nohin-postfix-XXXXXX)
chmod 755 "$T"
pid=
started=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$started" ] && "$PF" -c "$T/conf" stop >/dev/null 2>&1
    wait 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$T/conf" "$T/queue" "$T/data" "$T/mail/inbox/new" "$T/mail/inbox/cur" "$T/mail/inbox/tmp"
chown -R postfix "$T/data"
chown -R nobody:nogroup "$T/mail"
cat >"$T/conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $T/queue
data_directory = $T/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $T/maillog
maillog_file_prefixes = $T
myhostname = mx.nohin-test.invalid
mydomain = nohin-test.invalid
mydestination =
local_recipient_maps =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
virtual_mailbox_domains = meti.example.go.jp
virtual_mailbox_base = $T/mail
virtual_mailbox_maps = texthash:$T/conf/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
message_size_limit = 20000000
smtputf8_enable = no
biff = no
CF
echo "chosa@meti.example.go.jp inbox/" >"$T/conf/vmailbox"
cat >"$T/conf/master.cf" <<CF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
if ! "$PF" -c "$T/conf" start >"$T/start.log" 2>&1; then
    cat "$T/start.log"
    skip "postfix did not start with a temporary configuration"
fi
started=1
# Ready when the port answers (5 s at most).
"$PY" - "$port" <<'PY' || skip "postfix did not listen on 127.0.0.1"
import socket, sys, time
for _ in range(50):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY

cd "$T"
"$NOHIN_BINARY_DIR/fixtures/gen_intake_files" files >/dev/null
mkdir b
cp files/scan.pdf files/data.xlsx b/
for k in 1 2; do head -c 300000 /dev/zero | tr '\0' '7' | fold -w 60 | sed 's/^/1,/' >"b/表$k.csv"; done
"$N" pack b -o d --from taro.yamada@contractor.example.co.jp --to chosa@meti.example.go.jp \
    --subject 調査報告書 --max-message 500KB >/dev/null
n=$(ls d | wc -l)
[ "$n" -ge 2 ] || { echo "want several drafts, got $n"; exit 1; }

"$N" intake -q --lang ja --watch mail/inbox --out out 2>watch.err &
pid=$!
t0=$(date +%s)
"$PY" - "$port" d/*.eml <<'PY'
import smtplib, sys
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=20) as s:
    for p in sys.argv[2:]:
        s.sendmail("taro.yamada@contractor.example.co.jp", ["chosa@meti.example.go.jp"],
                   open(p, "rb").read())
PY
ok=
for _ in $(seq 300); do
    if [ -f out/results.jsonl ] && grep -q '"submission"' out/results.jsonl && \
        [ -n "$(ls out/replies 2>/dev/null)" ]; then ok=1; break; fi
    sleep 0.1
done
t1=$(date +%s)
if [ -z "$ok" ]; then
    echo "no verdict within 30 s"; tail -20 maillog || true; cat watch.err; ls -R mail; exit 1
fi
echo "verdict and reply after $((t1 - t0)) s"
"$PY" - "$n" <<'PY'
import email, email.policy, glob, json, sys
docs = [json.loads(l) for l in open("out/results.jsonl", encoding="utf-8")]
subs = [d for d in docs if "submission" in d]
assert len(subs) == 1 and subs[0]["complete"], subs
assert len(subs[0]["messages"]) == int(sys.argv[1]), subs
assert subs[0]["verdict"] == "reject", subs[0]  # scan.pdf page 2 has no text layer
assert any(f["rule"] == "PDF-TEXT-LAYER" for d in docs for f in d.get("findings", [])), docs
r = email.message_from_binary_file(open(glob.glob("out/replies/*.eml")[0], "rb"),
                                   policy=email.policy.default)
assert r["to"] == "taro.yamada@contractor.example.co.jp", r["to"]
assert "差戻し" in r["subject"] and "scan.pdf" in r.get_content(), r.get_content()
print("ok")
PY
