#!/usr/bin/env bash
# Makes sure the system tools the tests drive are present: Debian's Chromium (Playwright and the
# Vitest browser project launch it; Playwright's own browser download cannot work offline) and
# the PostgreSQL 15 server binaries (the store tests start a real cluster), and nginx (the
# reverse-proxy and deploy-kit tests run it in front of a real server). Run by `npm test`.
set -euo pipefail
need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
[ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] || need+=(postgresql)
id postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x "${NGINX_BIN:-/usr/sbin/nginx}" ] || need+=(nginx)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
