#!/usr/bin/env bash
# Installs the Debian packages some scenarios and tests need, in one apt-get run:
#   tshark    the packet capture the byte counts are checked against (bench/wire)
#   nginx     the real reverse proxy SSE and WS are measured through (bench/proxy)
#   chromium  the browser the cross-origin and fetch-event-source pages run in (bench/polyglot)
#   websocketd, libnginx-mod-nchan   third-party WebSocket and SSE servers npm run measure is tested against (bench/measure)
#   libspring-web-servlet-java, libspring-web-java, libtomcat9-java, libasync-http-client-java, python3-requests
#             the article's own stack (bench/seed): Spring MVC 4.3 SseEmitter on Tomcat 9, async-http-client
#             2.12.3, requests for Debian's /usr/bin/python3
#   redis-server   the Redis the distributed runs' BullMQ queues live on (bench/distributed; tests start a private one)
# Idempotent and silent when everything is there. `--soft` (used before `npm run bench`) warns and
# exits 0 when it cannot install, so the scenarios that need a missing tool report it instead;
# without it (before `npm test`) a failure exits 1, because the tests need every tool.
set -euo pipefail

soft=false
[ "${1:-}" = "--soft" ] && soft=true

fail() {
  echo "install-system-packages: $*" >&2
  if [ "$soft" = true ]; then
    echo "install-system-packages: continuing; scenarios that need the missing tools will say so" >&2
    exit 0
  fi
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

missing=()
have tshark && have dumpcap || missing+=(tshark)
have nginx || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
have websocketd || missing+=(websocketd)
[ -e /usr/lib/nginx/modules/ngx_nchan_module.so ] || missing+=(libnginx-mod-nchan)
[ -e /usr/share/java/spring3-web.servlet.jar ] || missing+=(libspring-web-servlet-java)
[ -e /usr/share/java/spring3-web.jar ] || missing+=(libspring-web-java)
[ -e /usr/share/java/tomcat9-catalina.jar ] && [ -e /usr/share/java/tomcat9-websocket.jar ] || missing+=(libtomcat9-java)
# bookworm-security's 2.12.3-1+deb12u1 depends on libnetty-reactive-streams-java >= 2.0.9-SNAPSHOT, which
# Debian 12 does not ship (2.0.8): it cannot be installed, so the release's own 2.12.3-1 is pinned when
# the unpinned name fails (same upstream 2.12.3; the loopback runs send no cookies, the deb12u1 fix).
[ -e /usr/share/java/async-http-client.jar ] || missing+=(libasync-http-client-java)
/usr/bin/python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
have redis-server || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install ${missing[*]} with this system's package manager"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "installing ${missing[*]} needs root: run 'bash bench/setup/install-system-packages.sh' as root or with sudo"
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

# tshark's postinst would ask whether non-root users may capture: the harness captures as root.
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${as_root[@]}" debconf-set-selections 2>/dev/null || true
# nginx's and redis-server's postinsts would start the system service; the harness runs private instances. Exit 101 in
# policy-rc.d means "not allowed"; an existing policy (containers ship one) is left alone.
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  own_policy=true
fi

echo "install-system-packages: installing ${missing[*]} from Debian's packages (once; about a minute)..." >&2
"${as_root[@]}" apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; fail "apt-get update failed"; }
# Recommends stay on: Chromium renders text with the fonts it recommends.
if ! "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >"$log" 2>&1; then
  pinned=()
  for package in "${missing[@]}"; do
    if [ "$package" = libasync-http-client-java ]; then pinned+=(libasync-http-client-java=2.12.3-1); else pinned+=("$package"); fi
  done
  "${as_root[@]}" apt-get install -y -qq "${pinned[@]}" >"$log" 2>&1 || { cat "$log" >&2; fail "apt-get install ${missing[*]} failed"; }
fi
echo "install-system-packages: installed ${missing[*]}" >&2
