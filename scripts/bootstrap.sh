#!/usr/bin/env bash
# Set up this project on a fresh Debian machine with Python 3.11:
# system packages (Tesseract with Spanish data), then a virtualenv in .venv.
#   bash scripts/bootstrap.sh          runtime only
#   bash scripts/bootstrap.sh --dev    plus the test tools
# As root it installs the Debian packages itself; a non-root user runs
#   sudo apt-get install -y tesseract-ocr tesseract-ocr-spa python3-venv
# first, and this script then only builds .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"
python="${PYTHON:-python3}"

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx spa || need_apt+=(tesseract-ocr-spa)
"$python" -c "import ensurepip, venv" 2>/dev/null || need_apt+=(python3-venv)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${need_apt[*]}" >&2
    echo "run: sudo apt-get install -y ${need_apt[*]}   (then run this script again)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

"$python" -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".${extras}"
echo "ready: .venv (tesseract $(tesseract --version 2>&1 | head -n1 | awk '{print $2}'), languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' '))"
