#!/usr/bin/env bash
# Installs the tools some tests drive, when they are missing: action-validator from npm (the
# workflow examples and action.yml), and from Debian's packages chromium (the HTML report's
# live weights, in a real browser) and faketime (the suite with the clock two years ahead).
# Tests that need them skip with a message where they are absent; .ci/run runs this first, so
# CI never skips.
set -euo pipefail

# The workflow linter (action-validator, the GitHub Actions workflow and action schemas), from
# npm into target/test-tools, where the workflow test looks for it.
validator=target/test-tools/node_modules/.bin/action-validator
if ! [ -x "$validator" ]; then
    if command -v npm >/dev/null; then
        echo "installing action-validator (npm) for the workflow test"
        npm install --silent --no-audit --no-fund --prefix target/test-tools \
            @action-validator/cli@0.6.0 @action-validator/core@0.6.0 >/dev/null
    else
        echo "not installed: action-validator (needs npm); the workflow test will skip"
    fi
fi

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
