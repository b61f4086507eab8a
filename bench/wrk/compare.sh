#!/usr/bin/env bash
# Start a node on a fresh data dir, then measure with wrk, one after the other on the same node:
#   GET /health (the machine's plain-HTTP ceiling through this gateway) and POST /v1/orders (every order journaled).
# usage: bench/wrk/compare.sh [connections=64] [seconds=10] [extra ./flashsale run options...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${1:-64}"
SECONDS_EACH="${2:-10}"
shift $(( $# > 2 ? 2 : $# ))
PORT="${FLASHSALE_WRK_PORT:-18080}"
DATA="$(mktemp -d)"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian package: wrk)" >&2; exit 2; }

"$ROOT/flashsale" run --port "$PORT" --data-dir "$DATA" "$@" > "$DATA/node.log" 2>&1 &
NODE=$!
trap 'kill -TERM $NODE 2>/dev/null; wait $NODE 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done

echo "== warm-up (5 s of orders, not reported)"
FLASHSALE_USER_BASE=1 wrk -t1 -c"$CONNECTIONS" -d5s -s "$ROOT/bench/wrk/orders.lua" "http://127.0.0.1:$PORT" >/dev/null
echo "== GET /health, $CONNECTIONS connections, ${SECONDS_EACH}s"
wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/health"
echo "== POST /v1/orders, $CONNECTIONS connections, ${SECONDS_EACH}s"
FLASHSALE_USER_BASE=2 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/wrk/orders.lua" \
    "http://127.0.0.1:$PORT"
