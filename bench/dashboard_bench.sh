#!/usr/bin/env bash
# The province dashboard on the same data three ways: Huigui's live projection, the same figures
# as plain SQL on SQLite and on PostgreSQL 15, and one raw pass over the projection's columns as
# the floor. Prints median times and ratios, checks that every figure agrees, and measures the
# projection's load time, memory per million persons and freshness (a write through the app
# service → visible in the next read on two projections). It records one drug test per run.
#
#   bench/dashboard_bench.sh --sqlite DB --key KEY [--pg URL --pg-key KEY] [--org 420000]
#                            [--runs 15] [--sql-runs 3]
#
# The data: `build/huigui demo --scale nation` into SQLite and into PostgreSQL with the same seed
# on the same (China Standard Time) day — docs/benchmarks.md has the commands.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -G Ninja >/dev/null
fi
cmake --build build -j"$(nproc)" --target huigui_dashboard_bench >/dev/null
exec build/huigui_dashboard_bench "$@"
