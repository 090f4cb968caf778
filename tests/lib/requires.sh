# Sourced by shell tests before lib/check.sh: NOHIN (the binary under test), PY
# (Debian's Python, which has openpyxl, PIL and img2pdf; the one on PATH may
# not) with lib/ on its path, and `requires THING…`, which skips the test (exit
# 77) naming the first thing missing. A THING is a command on PATH, py:MODULE (a Python module, e.g.
# py:openpyxl), jpn (Tesseract's Japanese data) or a path that must be executable.
NOHIN=${NOHIN_BIN:?}
PY=/usr/bin/python3
# lib/checks.py (report) for the tests' Python parts
export PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
requires() {
    local w
    for w; do
        case $w in
        py:*)
            $PY -c "import ${w#py:}" 2>/dev/null || { echo "python3 module ${w#py:} missing: skipped"; exit 77; } ;;
        jpn)
            [ -f "${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}/jpn.traineddata" ] ||
                { echo "tesseract-ocr-jpn missing: skipped"; exit 77; } ;;
        /*)
            [ -x "$w" ] || { echo "$w not built: skipped"; exit 77; } ;;
        *)
            command -v "$w" >/dev/null || { echo "$w missing: skipped"; exit 77; } ;;
        esac
    done
}
