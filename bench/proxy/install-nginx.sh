#!/usr/bin/env bash
# Installs Debian's nginx, the real reverse proxy the `proxy` scenarios measure SSE and WebSocket
# through (claims SSE-3 and OBS-2). The harness runs its own private nginx instances
# (bench/proxy/nginx-process.ts), so the system service is neither enabled nor started: a
# policy-rc.d that denies every service start is in place for the length of the install.
# Idempotent: prints nothing and exits 0 when nginx is already there. Needs root (or password-less
# sudo) and apt-get; exits non-zero with a message saying why when it cannot install.
set -euo pipefail

# root's PATH has /usr/sbin, a user's often not: look there too.
find_nginx() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || return 1
}

if find_nginx >/dev/null; then
  exit 0
fi

fail() {
  echo "install-nginx: $*" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install nginx with this system's package manager"

# Run as root directly, or through sudo when that is available without a password prompt.
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "installing nginx needs root: run this script as root or with sudo"
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
policy=/usr/sbin/policy-rc.d
own_policy=false
cleanup() {
  rm -f "$log"
  if [ "$own_policy" = true ]; then "${as_root[@]}" rm -f "$policy"; fi
}
trap cleanup EXIT

# nginx-common's postinst starts the service through invoke-rc.d, which asks policy-rc.d first;
# exit 101 means "not allowed". An existing policy (containers ship one) is left as it is.
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  own_policy=true
fi

echo "install-nginx: installing nginx from Debian packages..." >&2
if ! "${as_root[@]}" apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get update failed"
fi

# nginx-light (Debian 12 and older) has everything the harness needs in a smaller package; later
# releases dropped it, so fall back to nginx.
# (Captured first: `grep -q` would close the pipe early and pipefail would count that as a failure.)
package=nginx
light_policy="$(apt-cache policy nginx-light 2>/dev/null || true)"
if grep -q 'Candidate: [0-9]' <<<"$light_policy"; then
  package=nginx-light
fi
if ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$package" >"$log" 2>&1; then
  cat "$log" >&2
  fail "apt-get install $package failed"
fi

# The package enables its service for the next boot; the harness never wants a system nginx on :80.
if command -v systemctl >/dev/null 2>&1; then "${as_root[@]}" systemctl disable nginx >/dev/null 2>&1 || true; fi
if command -v update-rc.d >/dev/null 2>&1; then "${as_root[@]}" update-rc.d nginx disable >/dev/null 2>&1 || true; fi

nginx_bin="$(find_nginx)" || fail "nginx still not found after installing $package"
echo "install-nginx: $("$nginx_bin" -v 2>&1 | head -n 1) ($package)" >&2
