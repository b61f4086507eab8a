#!/usr/bin/env bash
# Rate sweep: one node (separate JVM, large-stock sale so orders are reserved and journaled, not SOLD_OUT), then
# `flashsale loadgen` at a flat open-loop rate for each RATE, printing the whole-run latency line of each.
# Generator and node share this machine's cores.
# usage: bench/sweep.sh [seconds-per-rate=15] RATE...        e.g. bench/sweep.sh 15 1000 2000 5000 10000
# Cluster mode: FLASHSALE_SWEEP_CLUSTER=SHARDSxMEMBERS (e.g. 2x3, 1x3, 1x1) runs `flashsale cluster` (member
# processes + gateway) instead of one node; FLASHSALE_SWEEP_SYNC=0|1|2 sets the archive's file sync level.
# FLASHSALE_SWEEP_RUN_OPTS adds options to the single node's `flashsale run` (e.g. "--wait-strategy SLEEPING").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-15}"; shift || true
RATES=("${@:-1000 2000 5000}")
PORT="${FLASHSALE_SWEEP_PORT:-18090}"
WORK="$(mktemp -d)"
CLUSTER="${FLASHSALE_SWEEP_CLUSTER:-}"
trap 'kill -TERM ${NODE:-0} 2>/dev/null; wait ${NODE:-0} 2>/dev/null; rm -rf "$WORK"' EXIT

python3 - "$WORK/sale.json" <<'PY'
import json, sys
stores = [{"id": i, "name": "Store %d" % i} for i in range(1, 21)]
skus = [{"id": 70000 + i, "store": 1 + i % 20, "name": "Everyday item %d" % i, "price": 1990,
         "stock": 5000000, "limit": 1000} for i in range(1, 301)]
json.dump({"id": 7777, "name": "Sweep sale", "opensAt": "now", "closesAt": "PT24H", "paymentWindowSeconds": 900,
           "stores": stores, "skus": skus}, open(sys.argv[1], "w"))
PY
printf '0,1\n24,1\n' > "$WORK/flat.csv"

if [[ -n "$CLUSTER" ]]; then
    "$ROOT/flashsale" cluster --shards "${CLUSTER%x*}" --members "${CLUSTER#*x}" --port "$PORT" \
        --data-dir "$WORK/cluster" --sale "$WORK/sale.json" --archive-sync-level "${FLASHSALE_SWEEP_SYNC:-0}" \
        > "$WORK/node.log" 2>&1 &
    echo "cluster: ${CLUSTER%x*} shard(s) x ${CLUSTER#*x} member(s), archive sync level ${FLASHSALE_SWEEP_SYNC:-0}"
else
    "$ROOT/flashsale" run --port "$PORT" --data-dir "$WORK/data" --sale "$WORK/sale.json" \
        ${FLASHSALE_SWEEP_RUN_OPTS:-} > "$WORK/node.log" 2>&1 &
    echo "single node ${FLASHSALE_SWEEP_RUN_OPTS:-}"
fi
NODE=$!
for _ in $(seq 1 240); do curl -s "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"UP"' && break; sleep 0.5; done

printf '%8s  %s\n' "rate/s" "whole-run latency from intended send time (p50 p90 p99 p99.9 max) and audit"
for RATE in ${RATES[*]}; do
    OUT="$("$ROOT/flashsale" loadgen --url "http://127.0.0.1:$PORT" --profile "$WORK/flat.csv" --rate "$RATE" \
        --duration "${SECONDS_EACH}s" --progress off --pay-delay 50ms --report-dir "$WORK/reports" \
        --name "sweep-$RATE" 2>&1 || true)"
    LINE="$(grep -E '^whole day' <<<"$OUT" || true)"
    AUDIT="$(grep -E '^audit:' <<<"$OUT" || echo 'audit: (none)')"
    ACHIEVED="$(grep -E '^achieved' <<<"$OUT" | sed 's/  */ /g' || true)"
    printf '%8s  %s | %s | %s\n' "$RATE" "$LINE" "$ACHIEVED" "$AUDIT"
    grep -E '^\s*\[FAIL' <<<"$OUT" || true
done
