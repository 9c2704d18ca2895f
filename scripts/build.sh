#!/usr/bin/env bash
# Configures and builds Gatehouse (Release) into build/, or into $GATEHOUSE_BUILD_DIR.
# An existing build folder is reused, so a second run only rebuilds what changed.
#
#     scripts/build.sh [extra cmake configure arguments...]
#
# GATEHOUSE_BUILD_TARGETS="a b" builds only those targets instead of everything.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${GATEHOUSE_BUILD_DIR:-build}
configure=(cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release)
# Keep the generator of an existing build folder; CMake refuses to switch it.
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    configure+=(-G Ninja)
fi

"${configure[@]}" "$@"

build=(cmake --build "$build_dir" --parallel "$(nproc)")
if [ -n "${GATEHOUSE_BUILD_TARGETS:-}" ]; then
    read -r -a targets <<<"$GATEHOUSE_BUILD_TARGETS"
    build+=(--target "${targets[@]}")
fi
"${build[@]}"
