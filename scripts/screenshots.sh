#!/usr/bin/env bash
# Takes the README's screenshots again, from the real programs: the staff console in its
# screenshot mode under Xvfb (it draws each page itself at 1280x800, on a fresh demo workspace),
# and the portal's home as the demo contact sees it, in headless Chromium (the contact asks a
# question there first, for the console's Inbox to show).
#
#     scripts/screenshots.sh [OUTPUT_DIR]   (default: docs/screenshots)
#
# Builds what it needs first. Not part of ./test.sh; tst_console_screenshots keeps the
# console's screenshot mode working.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
out=${1:-docs/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
gatehouse_install_build_deps
gatehouse_install_packages "${GATEHOUSE_SCREENSHOT_PACKAGES[@]}"
if ! command -v npm >/dev/null 2>&1; then
    gatehouse_install_packages npm
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
fi

build_dir=${GATEHOUSE_BUILD_DIR:-build}
GATEHOUSE_BUILD_DIR=$build_dir GATEHOUSE_BUILD_TARGETS="gatehouse gatehouse-portal" \
    scripts/build.sh >/dev/null
console="$repo/$build_dir/app/gatehouse"
portal="$repo/$build_dir/portalserver/gatehouse-portal"

work=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-screenshots.XXXXXX")
trap 'rm -rf "$work"' EXIT
data="$work/data"
# A home of its own: no window geometry or sign-in remembered from this machine's console.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local"
mkdir -p "$HOME"
export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8

"$portal" --data-dir "$data" demo >"$work/demo.log" 2>&1 || {
    cat "$work/demo.log" >&2
    exit 1
}

echo "screenshots: portal home" >&2
GATEHOUSE_PORTAL_BIN="$portal" node scripts/portal-screenshot.mjs "$data" "$out/portal-home.png"

echo "screenshots: console pages" >&2
# The embedded portal on any free port, under a stable address for the status bar.
# Chromium (the Branding tab's portal preview) will not start as root with its sandbox on;
# these pages show only the demo workspace made above.
if [ "$(id -u)" = 0 ]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi
xvfb-run -a -s "-screen 0 1440x900x24" \
    "$console" --demo --data-dir "$data" --portal-port 0 \
    --public-url https://portal.example.com --screenshots "$out" 2>"$work/console.log" || {
    cat "$work/console.log" >&2
    exit 1
}

if command -v optipng >/dev/null 2>&1; then
    optipng -quiet -o2 "$out"/*.png
fi
ls -l "$out"/*.png >&2
