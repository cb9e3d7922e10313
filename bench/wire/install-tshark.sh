#!/usr/bin/env bash
# Installs tshark (Wireshark's command-line capture and dissector) from Debian's packages, so the
# byte counts the harness takes from its sockets can be checked against a packet capture
# (bench/wire/capture.ts). Idempotent: prints nothing and exits 0 when tshark is already there.
# Needs root (or sudo) and apt-get; exits non-zero with a message saying why when it cannot install.
set -euo pipefail

# dumpcap (which captures) comes in wireshark-common, a dependency of tshark: need both.
if command -v tshark >/dev/null 2>&1 && command -v dumpcap >/dev/null 2>&1; then
  exit 0
fi

fail() {
  echo "install-tshark: $*" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install tshark with this system's package manager"

# Run as root directly, or through sudo when that is available without a password prompt.
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "installing tshark needs root: run this script as root or with sudo"
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Without this answer, wireshark-common's postinst asks whether non-root users may capture; the
# harness captures as root (or with its own capabilities), so the setuid dumpcap is not wanted.
echo "wireshark-common wireshark-common/install-setuid boolean false" \
  | ${as_root[@]+"${as_root[@]}"} debconf-set-selections \
  || fail "debconf-set-selections failed (is debconf installed?)"

echo "install-tshark: installing tshark from Debian packages..." >&2
if ! ${as_root[@]+"${as_root[@]}"} apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get update failed"
fi
if ! ${as_root[@]+"${as_root[@]}"} apt-get install -y -qq --no-install-recommends tshark >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get install tshark failed"
fi

command -v tshark >/dev/null 2>&1 || fail "tshark still not on PATH after installing it"
command -v dumpcap >/dev/null 2>&1 || fail "dumpcap still not on PATH after installing tshark"
echo "install-tshark: $(tshark --version 2>/dev/null | head -n 1)" >&2
