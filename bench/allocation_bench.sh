#!/usr/bin/env bash
# Admission allocation: Huigui's min-cost flow against GLPK (glpsol) on the same grouped model,
# 10,000 pending admissions and 60 facilities. Builds build/huigui_allocation_bench and runs it;
# extra arguments are passed on (--people N --huigui-runs R --glpk-runs R; default 15 and 5,
# alternating). Prints median wall and CPU times of both and the ratios.
#
#   bench/allocation_bench.sh
#
# Needs glpsol (glpk-utils) and LEMON (liblemon-dev): scripts/deps installs both.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v glpsol >/dev/null || { echo "glpsol missing: run ./scripts/deps" >&2; exit 2; }
if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -G Ninja >/dev/null
fi
cmake --build build -j"$(nproc)" --target huigui_allocation_bench >/dev/null
exec build/huigui_allocation_bench "$@"
