#!/usr/bin/env bash
# The browser the Playwright suite runs in. On Debian (this project's machines and CI): Debian's chromium,
# /usr/bin/chromium. Elsewhere: Playwright's own build of Chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ] || [ -n "${AMBER_CHROMIUM:-}" ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  npx playwright install chromium
fi
