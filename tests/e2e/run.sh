#!/usr/bin/env bash
# Runs the browser tests against a fresh demo server.
#
#   HUIGUI_BIN=build/huigui tests/e2e/run.sh
#
# Environment: HUIGUI_BIN (server binary, default build/huigui), HUIGUI_E2E_PORT (default: a free
# port), HUIGUI_WEB_ROOT (default web/dist; built with `npm ci && npm run build` in web/ when
# missing). Installs the test's npm packages when tests/e2e/node_modules is missing. Exits with
# the status of `node --test`; its TAP summary ends with `# pass N` / `# fail N`.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

HUIGUI_BIN="${HUIGUI_BIN:-build/huigui}"
WEB_ROOT="${HUIGUI_WEB_ROOT:-web/dist}"

if [[ ! -x "$HUIGUI_BIN" ]]; then
  echo "run.sh: server binary '$HUIGUI_BIN' not found or not executable" >&2
  exit 2
fi
if [[ ! -f "$WEB_ROOT/index.html" ]]; then
  echo "run.sh: $WEB_ROOT/index.html missing, building the web UI" >&2
  (cd web && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; } && npm run build)
fi
if [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi

if [[ -n "${HUIGUI_E2E_PORT:-}" ]]; then
  PORT="$HUIGUI_E2E_PORT"
else
  PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/huigui-e2e.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "run.sh: creating demo data in $TMP" >&2
"$HUIGUI_BIN" demo --db "sqlite:$TMP/e2e.db" --key "$TMP/e2e.key" --seed 1 --persons 300 >"$TMP/demo.log" 2>&1 || {
  echo "run.sh: '$HUIGUI_BIN demo' failed:" >&2
  cat "$TMP/demo.log" >&2
  exit 2
}

"$HUIGUI_BIN" serve --db "sqlite:$TMP/e2e.db" --key "$TMP/e2e.key" --port "$PORT" --web-root "$WEB_ROOT" \
  >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null --max-time 1 "$URL/healthz"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run.sh: server exited before answering /healthz:" >&2
    cat "$TMP/server.log" >&2
    exit 2
  fi
  sleep 0.5
done
if ! curl -fsS -o /dev/null --max-time 1 "$URL/healthz"; then
  echo "run.sh: $URL/healthz did not answer within 30 s" >&2
  tail -n 50 "$TMP/server.log" >&2
  exit 2
fi

mkdir -p build/e2e
status=0
HUIGUI_URL="$URL" node --test --test-concurrency=1 tests/e2e/ || status=$?
if [[ $status -ne 0 ]]; then
  echo "run.sh: tests failed; last server log lines:" >&2
  tail -n 40 "$TMP/server.log" >&2
fi
exit $status
