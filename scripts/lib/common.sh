# shellcheck shell=bash
# Shared helpers for Huigui's scripts. Source it; it cd's to the repository root.

HUIGUI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$HUIGUI_ROOT"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# A free TCP port on 127.0.0.1 (the kernel picks it).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})'
}

# wait_http URL SECONDS [PID]: poll URL until it answers 2xx; fail early if PID dies.
wait_http() {
  local url="$1" secs="$2" pid="${3:-}" deadline
  deadline=$(( $(date +%s) + secs ))
  while (( $(date +%s) < deadline )); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.2
  done
  return 1
}
