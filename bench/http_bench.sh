#!/usr/bin/env bash
# Requests/s of GET /api/v1/persons/{id} (scoped query + audit row appended in the same
# transaction) against the named baseline GET /healthz (no database) on the same server, in one
# run, with wrk at 64 connections. Runs alternate A/B rounds and prints the medians and the ratio.
#
#   bench/http_bench.sh [--db sqlite|postgresql] [--rounds N] [--seconds S] [--connections C]
#
# Needs build/huigui (./scripts/build) and wrk (scripts/deps installs it). For --db postgresql
# a throwaway PostgreSQL 15 is started with scripts/lib/pg.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=sqlite rounds=5 seconds=5 connections=64
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) backend="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bin=build/huigui
[[ -x "$bin" ]] || { echo "build/huigui missing: run ./scripts/build" >&2; exit 2; }
tmp="$(mktemp -d /tmp/huigui-bench.XXXXXX)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ "$backend" == postgresql ]] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
if [[ "$backend" == postgresql ]]; then
  # shellcheck source=../scripts/lib/pg.sh
  source scripts/lib/pg.sh
  pg_start
  db="$HUIGUI_TEST_PG"
else
  db="sqlite:$tmp/bench.db"
fi
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})')"
"$bin" demo --db "$db" --key "$tmp/bench.key" --seed 1 --persons 2000 >/dev/null
"$bin" serve --db "$db" --key "$tmp/bench.key" --port "$port" --log-level warn >"$tmp/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
token="$(curl -fs -X POST "$base/api/v1/session" -H 'Content-Type: application/json' \
  -d '{"username":"director.hubei","password":"Huigui@2026"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
person="$(curl -fs "$base/api/v1/persons?q=%E5%88%98%E5%98%89" -H "Authorization: Bearer $token" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')"
curl -fs "$base/api/v1/persons/$person" -H "Authorization: Bearer $token" >/dev/null

rate() {  # url [header] -> requests/s
  local args=(-t2 "-c$connections" "-d${seconds}s" --latency)
  [[ -n "${2:-}" ]] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}
declare -a base_rates person_rates
for i in $(seq 1 "$rounds"); do
  base_rates+=("$(rate "$base/healthz")")
  person_rates+=("$(rate "$base/api/v1/persons/$person" "Authorization: Bearer $token")")
  echo "round $i: /healthz ${base_rates[-1]} req/s, /api/v1/persons/{id} ${person_rates[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb="$(median "${base_rates[@]}")"
mp="$(median "${person_rates[@]}")"
errors="$(curl -fs "$base/metrics" | awk '/^huigui_http_errors_total/ {print $2}')"
echo "backend=$backend connections=$connections rounds=$rounds seconds=$seconds"
echo "median GET /healthz (baseline):        $mb req/s"
echo "median GET /api/v1/persons/{id}:       $mp req/s"
echo "ratio persons/healthz:                 $(awk -v a="$mp" -v b="$mb" 'BEGIN {printf "%.3f", a/b}')"
echo "internal errors during the run:        $errors"
audit_rows="$("$bin" audit verify --db "$db" --key "$tmp/bench.key" | tail -1)"
echo "audit after the run:                   $audit_rows"
