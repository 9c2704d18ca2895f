#!/usr/bin/env bash
# Builds Gatehouse and starts it with a demo workspace: the staff console (with the
# portal server inside) when there is a display, otherwise the portal server alone.
set -euo pipefail

usage() {
    cat <<EOF
Usage: ./run.sh [--headless] [--port N] [--data-dir DIR]

Builds Gatehouse (Release), creates a demo workspace if there is none yet, and starts:
  - the staff console with the portal server inside, when a display is available;
  - otherwise (or with --headless) the portal server alone on 127.0.0.1, after
    printing its address and a fresh invite link for the demo contact.

Options:
  --headless      run only the portal server, even when there is a display
  --port N        portal port on 127.0.0.1 (default 8080)
  --data-dir DIR  data folder (default \$GATEHOUSE_DATA_DIR, else ~/.local/share/gatehouse)
  --help          show this help
EOF
}

headless=0
port=8080
data_dir=${GATEHOUSE_DATA_DIR:-$HOME/.local/share/gatehouse}

while [ $# -gt 0 ]; do
    case "$1" in
        --headless) headless=1 ;;
        --port)
            [ $# -ge 2 ] || { echo "run.sh: --port needs a value" >&2; exit 2; }
            port=$2
            shift
            ;;
        --port=*) port=${1#--port=} ;;
        --data-dir)
            [ $# -ge 2 ] || { echo "run.sh: --data-dir needs a value" >&2; exit 2; }
            data_dir=$2
            shift
            ;;
        --data-dir=*) data_dir=${1#--data-dir=} ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "run.sh: unknown option '$1'" >&2
            usage >&2
            exit 2
            ;;
    esac
    shift
done

case "$port" in
    '' | *[!0-9]*)
        echo "run.sh: --port must be a number, not '$port'" >&2
        exit 2
        ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    echo "run.sh: --port must be between 1 and 65535" >&2
    exit 2
fi

# Resolve the data folder before leaving the caller's working directory.
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)

cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
gatehouse_install_build_deps

console=0
if [ "$headless" -eq 0 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    console=1
fi

build_dir=${GATEHOUSE_BUILD_DIR:-build}
export GATEHOUSE_BUILD_DIR=$build_dir
if [ "$console" -eq 1 ]; then
    GATEHOUSE_BUILD_TARGETS="gatehouse-portal gatehouse" scripts/build.sh
else
    GATEHOUSE_BUILD_TARGETS="gatehouse-portal" scripts/build.sh
fi

portal="$build_dir/portalserver/gatehouse-portal"
app="$build_dir/app/gatehouse"

"$portal" --data-dir "$data_dir" demo

if [ "$console" -eq 1 ]; then
    exec "$app" --data-dir "$data_dir" --portal-port "$port"
fi

public_url="http://127.0.0.1:$port"
invite_output=$("$portal" --data-dir "$data_dir" --public-url "$public_url" \
    invite demo.contact@example.com)
invite_link=$(printf '%s\n' "$invite_output" | tail -n 1)

cat <<EOF

Portal:       $public_url/
Invite link for demo.contact@example.com:
  $invite_link
Stop the portal with Ctrl+C.

EOF

exec "$portal" --data-dir "$data_dir" --public-url "$public_url" serve --listen "127.0.0.1:$port"
