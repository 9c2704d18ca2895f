#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Gatehouse needs, and only those that are missing:
# a machine that already has everything makes no apt call at all.
#
# Source it and call the functions:
#     source scripts/deps.sh
#     gatehouse_install_build_deps
#     gatehouse_install_test_deps
# or run it:  scripts/deps.sh [build|test|all]   (default: build)

GATEHOUSE_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-webengine-dev qt6-pdf-dev qt6-svg-dev qt6-charts-dev libqt6sql6-sqlite libqt6sql6-psql
    qtkeychain-qt6-dev
    libssl-dev libsodium-dev libzip-dev libcmark-dev libcurl4-openssl-dev libqrencode-dev
    libsqlite3-dev libpq-dev libgl-dev shared-mime-info fonts-dejavu-core
)

GATEHOUSE_TEST_PACKAGES=(
    postgresql python3-aiosmtpd python3-icalendar chromium xvfb xauth
    dbus dbus-x11 gnome-keyring locales dpkg-dev file nginx-light
    slowhttptest  # tests/bench/front-door.py: slowloris and slow body against the front door
)

# What scripts/screenshots.sh needs besides the build: an X server for the console, a
# browser for the portal, and a PNG optimiser to keep the pictures in the repository small.
GATEHOUSE_SCREENSHOT_PACKAGES=(xvfb xauth chromium optipng)

# The locale the test executables run in (see gatehouse_add_test in cmake/).
GATEHOUSE_TEST_LOCALE=en_US.UTF-8

_gatehouse_apt_updated=0

_gatehouse_log() {
    printf 'deps: %s\n' "$*" >&2
}

# Runs a command as root: directly when we are root, otherwise through sudo.
_gatehouse_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _gatehouse_log "need root to run '$*' but sudo is not installed"
        return 1
    fi
}

# Prints the packages among the arguments that are not installed.
_gatehouse_missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        if [ "$status" != "installed" ]; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Installs the packages among the arguments that are missing.
gatehouse_install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        _gatehouse_log "not a Debian-based system; install these yourself: $*"
        return 0
    fi
    local missing
    mapfile -t missing < <(_gatehouse_missing_packages "$@")
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    _gatehouse_log "installing ${missing[*]}"
    if [ "$_gatehouse_apt_updated" -eq 0 ]; then
        _gatehouse_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
        _gatehouse_apt_updated=1
    fi
    _gatehouse_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q "${missing[@]}" || return 1
}

gatehouse_install_build_deps() {
    gatehouse_install_packages "${GATEHOUSE_BUILD_PACKAGES[@]}"
}

# Generates the test locale when the C library does not have it yet.
_gatehouse_ensure_test_locale() {
    local wanted=${GATEHOUSE_TEST_LOCALE%%.*}
    if locale -a 2>/dev/null | grep -qix "${wanted}\.utf-\?8"; then
        return 0
    fi
    if [ ! -f /etc/locale.gen ] || ! command -v locale-gen >/dev/null 2>&1; then
        _gatehouse_log "locale $GATEHOUSE_TEST_LOCALE is missing and cannot be generated here"
        return 0
    fi
    _gatehouse_log "generating locale $GATEHOUSE_TEST_LOCALE"
    if grep -q "^# *${GATEHOUSE_TEST_LOCALE} UTF-8" /etc/locale.gen; then
        _gatehouse_as_root sed -i "s/^# *\(${GATEHOUSE_TEST_LOCALE} UTF-8\)/\1/" /etc/locale.gen
    elif ! grep -q "^${GATEHOUSE_TEST_LOCALE} UTF-8" /etc/locale.gen; then
        printf '%s UTF-8\n' "$GATEHOUSE_TEST_LOCALE" | _gatehouse_as_root tee -a /etc/locale.gen >/dev/null
    fi
    _gatehouse_as_root locale-gen >/dev/null
}

gatehouse_install_test_deps() {
    local packages=("${GATEHOUSE_TEST_PACKAGES[@]}")
    # A node from elsewhere (nodesource, nvm) brings its own npm; do not mix in Debian's.
    if ! command -v node >/dev/null 2>&1; then
        packages+=(nodejs npm)
    elif ! command -v npm >/dev/null 2>&1; then
        packages+=(npm)
    fi
    gatehouse_install_packages "${packages[@]}"
    _gatehouse_ensure_test_locale
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-build}" in
        build) gatehouse_install_build_deps ;;
        test) gatehouse_install_test_deps ;;
        all)
            gatehouse_install_build_deps
            gatehouse_install_test_deps
            ;;
        *)
            echo "usage: $0 [build|test|all]" >&2
            exit 2
            ;;
    esac
fi
