#!/usr/bin/env bash
# Installs the tools some tests drive, from Debian's packages, when they are missing:
# chromium (the HTML report's live weights, in a real browser) and faketime (the suite with the
# clock two years ahead). Tests that need them skip with a message where they are absent;
# .ci/run runs this first, so CI never skips.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v faketime >/dev/null || missing+=(faketime)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} (Debian packages) for the tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "not installed: ${missing[*]}; the tests that need them will skip (apt-get install ${missing[*]})"
fi
