#!/usr/bin/env bash
# Shared set-up for scripts/demo and scripts/test: a virtual environment with the station installed,
# and (as root, on Debian) the system libraries Qt and the screen tests need. Idempotent and quick
# when nothing changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PACIFIC_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"
APT_PACKAGES=(xvfb xdotool imagemagick poppler-utils
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libglib2.0-0
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-xkb1
  libxkbcommon-x11-0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libx11-xcb1 fonts-dejavu-core
  fonts-noto-color-emoji fonts-noto-core fonts-noto-cjk  # Arabic, CJK and other scripts in buyer names (no tofu)
  cups cups-client  # OS print queue tests start a private cupsd (the system's is never used)
  chromium chromium-driver  # the hub's browser acceptance test (selenium)
  postgresql postgresql-client)  # the hub's tests run on PostgreSQL too; pg_dump/pg_restore for hub backups

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
      echo "note: missing system packages (${missing[*]}); install them as root for the GUI and screen tests" >&2
      return 0
    fi
  else SUDO=""; fi
  echo "installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

venv_install() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" 2>/dev/null || { "$PY" -m pip install -q --user virtualenv && "$PY" -m virtualenv -q "$VENV"; }
  fi
  local stamp="$VENV/.pacific-installed"
  local want
  want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "installing Python packages into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e "$ROOT[station,hub,test]"
    echo "$want" > "$stamp"
  fi
}

apt_install
venv_install
