#!/usr/bin/env bash
# Makes Debian's Chromium available at /usr/bin/chromium for the browser tests (tests/Directory.Api.Tests/Web).
# The tests drive this system browser through Playwright; no browser is ever downloaded by Playwright itself.
# Idempotent: does nothing when the browser is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing and installing it needs root: apt-get install chromium" >&2
  exit 1
fi

echo "installing Debian's chromium" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

[ -x /usr/bin/chromium ] || { echo "apt-get did not provide /usr/bin/chromium" >&2; exit 1; }
/usr/bin/chromium --version >&2
