#!/usr/bin/env bash
# Installs Debian's Chromium, which the `browser` scenario drives headless through playwright-core
# (claims WS-6 and OBS-3). playwright's own browser download is not used: the harness runs the
# distribution's build at /usr/bin/chromium. Idempotent: prints nothing and exits 0 when
# /usr/bin/chromium is already there. Needs root (or password-less sudo) and apt-get; exits non-zero
# with a message saying why when it cannot install.
set -euo pipefail

readonly CHROMIUM_PATH=/usr/bin/chromium

if [ -x "$CHROMIUM_PATH" ]; then
  exit 0
fi

fail() {
  echo "install-chromium: $*" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install Chromium with this system's package manager so that $CHROMIUM_PATH exists"

# Run as root directly, or through sudo when that is available without a password prompt.
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "installing chromium needs root: run this script as root or with sudo"
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "install-chromium: installing chromium from Debian packages..." >&2
if ! "${as_root[@]}" apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get update failed"
fi
if ! "${as_root[@]}" apt-get install -y -qq chromium >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get install chromium failed"
fi

[ -x "$CHROMIUM_PATH" ] || fail "$CHROMIUM_PATH still missing after installing chromium"
echo "install-chromium: $("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1)" >&2
