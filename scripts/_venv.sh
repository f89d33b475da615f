# Sourced by scripts/run and scripts/test: make .venv and install the project into it.
# Usage: ensure_venv ""        (runtime only)
#        ensure_venv "[dev]"   (with the test tools)
set -euo pipefail

PYTHON=${PYTHON:-python3}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

# Install the Debian packages named, skipping those already present.
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "error: please install these system packages: ${missing[*]}" >&2
    return 1
  fi
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_venv() {
  local extras=$1
  if ! "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    echo "error: forumapp needs Python 3.11 or newer as '$PYTHON' (set PYTHON=...)" >&2
    return 1
  fi
  if [ ! -x .venv/bin/python ]; then
    # Debian ships venv and ensurepip as a separate package.
    if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      ensure_debian_packages python3-venv
      "$PYTHON" -m venv .venv
    fi
  fi
  # Reinstall only when the project's requirements changed.
  local stamp=".venv/.forumapp-installed$extras"
  local wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".$extras"
    echo "$wanted" > "$stamp"
  fi
}
