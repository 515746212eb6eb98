#!/bin/sh
# Install what the browser tests need beyond Python packages, when it is missing and this
# user may install it: Debian's Chromium, which Playwright drives at /usr/bin/chromium
# (tests/browser.py). Playwright's own browser download (`playwright install`) comes from a
# CDN that CI and the school machines cannot reach; Debian's apt they can.
# Without Recommends: 23 packages instead of 113 (a desktop's udev, upower, perl modules...),
# none of which headless Chromium uses: 7 s instead of 16 here.
# Never fails: without Chromium the browser tests are skipped, and say how to install it.
set -u

[ -x /usr/bin/chromium ] && exit 0
missing="chromium"

. "$(dirname "$0")/apt-install.sh"
# shellcheck disable=SC2086
APT_OPTIONS=--no-install-recommends apt_install "the browser tests" $missing && exit 0

echo "spinsheet: note: $missing is not installed, so the browser tests will be skipped." >&2
echo "spinsheet: install it (for example: sudo apt-get install $missing) to run them." >&2
exit 0
