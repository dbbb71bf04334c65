#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (tests/e2e), and pdftoppm for
# the printables tests.
# As root it installs the Debian package; without root it says which tests will be skipped.
# With CI=true a missing browser is an error: CI must never skip browser tests silently.
set -u
CHROMIUM=${PAARWEISE_CHROMIUM:-/usr/bin/chromium}
# pdftoppm (poppler-utils) renders the printables to images in their tests.
if ! command -v pdftoppm >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's poppler-utils (pdftoppm) for the printables tests ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/tmp/paarweise-apt.log 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/tmp/paarweise-apt.log 2>&1; }
fi
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get) ..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/tmp/paarweise-apt.log 2>&1; then
    exit 0
  fi
  echo "apt-get install chromium failed; see /tmp/paarweise-apt.log"
fi
if [ "${CI:-}" = "true" ]; then
  echo "ERROR: $CHROMIUM is missing and CI=true: browser tests must run in CI." >&2
  exit 1
fi
echo "NOTE: no Chromium at $CHROMIUM and no root to install it."
echo "      The browser tests in tests/e2e will be SKIPPED (listed at the end of the run)."
echo "      Install it with: sudo apt-get install chromium"
exit 0
