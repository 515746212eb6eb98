#!/bin/sh
# Install the system libraries WeasyPrint needs, when they are missing and this
# user may install them. Pango is required; HarfBuzz's subsetter saves about
# 300 ms per PDF (WeasyPrint falls back to pure-Python fontTools without it);
# DejaVu is the worksheet font. Amiri (optional) sets Arabic sheets' serif text:
# DejaVu Serif has no Arabic, and without Amiri or Noto Naskh Arabic it falls back
# to DejaVu Sans's Arabic.
# OpenDyslexic is optional too, for `--font dyslexic` (without it those sheets print
# in DejaVu, with a warning).
set -u

has_lib() {
    { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q "$1"
}

missing=""
required_missing=no
if ! has_lib 'libpango-1.0.so.0' || ! has_lib 'libpangoft2-1.0.so.0'; then
    missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
    required_missing=yes
fi
has_lib 'libharfbuzz-subset.so.0' || missing="$missing libharfbuzz-subset0"
if command -v fc-list >/dev/null 2>&1 && ! fc-list 2>/dev/null | grep -qi 'OpenDyslexic'; then
    missing="$missing fonts-opendyslexic"
fi
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'DejaVu Serif'; then
    missing="$missing fontconfig fonts-dejavu-core"
fi
if ! command -v fc-list >/dev/null 2>&1 \
    || ! fc-list :lang=ar family 2>/dev/null | grep -qi -e 'Amiri' -e 'Noto Naskh Arabic'; then
    missing="$missing fonts-hosny-amiri"
fi
[ -z "$missing" ] && exit 0

if [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null 2>&1; then
    echo "Installing Pango with Homebrew (WeasyPrint needs it)..."
    brew install pango && exit 0
fi

. "$(dirname "$0")/apt-install.sh"
# shellcheck disable=SC2086
apt_install WeasyPrint $missing && exit 0

echo "spinsheet: these system packages are missing:$missing" >&2
echo "spinsheet: install them (for example: sudo apt-get install$missing) and run make again." >&2
[ "$required_missing" = yes ] && exit 1
exit 0
