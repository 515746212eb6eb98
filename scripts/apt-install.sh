# Sourced by system-deps.sh and test-deps.sh: `apt_install WHAT PACKAGE…` installs Debian
# packages when apt-get is here and this user may install (root, or sudo without a
# password); it returns 0 once they are installed, 1 otherwise. The package lists are
# refreshed only when the first try fails: on most machines they are recent enough.
# APT_OPTIONS adds options (test-deps.sh: --no-install-recommends).

apt_install() {
    what=$1
    shift
    command -v apt-get >/dev/null 2>&1 || return 1
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        return 1
    fi
    echo "Installing system packages for $what: $*"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ${APT_OPTIONS:-} "$@" >/dev/null 2>&1 \
        || { $sudo apt-get update -qq >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ${APT_OPTIONS:-} "$@" >/dev/null; }
}
