#!/usr/bin/env bash
# Builds the .deb from a finished build tree and checks that it carries both programs, the
# systemd unit and the reverse-proxy example, and depends on the Qt SQL drivers it needs.
#   check-deb.sh BUILD_DIR [EXPECTED_PROGRAM...]
set -euo pipefail

build_dir=$1
shift
out=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-deb.XXXXXX")
trap 'rm -rf "$out"' EXIT

cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1 || {
    cat "$out/cpack.log" >&2
    exit 1
}
deb=$(find "$out" -maxdepth 1 -name '*.deb' | head -n 1)
[ -n "$deb" ] || { echo "check-deb: cpack made no .deb" >&2; exit 1; }

contents=$(dpkg-deb --contents "$deb")
status=0
for path in "$@" ./usr/lib/systemd/system/gatehouse-portal.service \
    ./usr/share/doc/gatehouse/examples/nginx-gatehouse.conf; do
    if ! grep -q " $path\$" <<<"$contents"; then
        echo "check-deb: $path is missing from $(basename "$deb")" >&2
        status=1
    fi
done
depends=$(dpkg-deb --field "$deb" Depends)
for dependency in libqt6sql6-sqlite libqt6sql6-psql libsodium23 libcmark0.30.2; do
    if ! grep -q "$dependency" <<<"$depends"; then
        echo "check-deb: Depends lacks $dependency: $depends" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "check-deb: $(basename "$deb") carries $* and its service files"
exit "$status"
