#!/usr/bin/env bash
# Rate sweep: one node (separate JVM, large-stock sale so orders are reserved and journaled, not SOLD_OUT), then
# `flashsale loadgen --rate RATE` (constant open-loop arrival rate, wrk2's -R) for each RATE, printing one line per
# rate read from the run's --summary-json (python3 reads it; no text scraping).
# Generator and node share this machine's cores.
# usage: bench/sweep.sh [seconds-per-rate=15] RATE...        e.g. bench/sweep.sh 15 1000 2000 5000 10000
# Cluster mode: FLASHSALE_SWEEP_CLUSTER=SHARDSxMEMBERS (e.g. 2x3, 1x3, 1x1) runs `flashsale cluster` (member
# processes + gateway) instead of one node; FLASHSALE_SWEEP_SYNC=0|1|2 sets the archive's file sync level.
# FLASHSALE_SWEEP_RUN_OPTS adds options to the single node's `flashsale run` (e.g. "--wait-strategy SLEEPING");
# FLASHSALE_SWEEP_LOADGEN_OPTS adds options to every `flashsale loadgen` (e.g. "--tick 50us").
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

printf '%8s  %s\n' "rate/s" "latency from intended send time, ms (p50 p90 p99 p99.9 max), answers/s, send lag p99, audit"
for RATE in ${RATES[*]}; do
    SUMMARY="$WORK/reports/sweep-$RATE.json"
    EXIT=0
    "$ROOT/flashsale" loadgen --url "http://127.0.0.1:$PORT" --rate "$RATE" --duration "${SECONDS_EACH}s" \
        --progress off --pay-delay 50ms --report-dir "$WORK/reports" --name "sweep-$RATE" \
        --summary-json "$SUMMARY" ${FLASHSALE_SWEEP_LOADGEN_OPTS:-} > "$WORK/loadgen-$RATE.log" 2>&1 || EXIT=$?
    if [[ ! -s "$SUMMARY" ]]; then
        printf '%8s  loadgen exit %s, no summary: %s\n' "$RATE" "$EXIT" "$(tail -n 1 "$WORK/loadgen-$RATE.log")"
        continue
    fi
    python3 - "$SUMMARY" "$RATE" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
a = s["latency"]["all"]
audit = s["audit"]
verdict = "audit: skipped" if audit is None else "audit: " + ("PASSED" if audit["passed"] else "FAILED")
print("%8s  %s | %.0f/s of %.0f/s offered | lag p99 %.3f | %s" % (
    sys.argv[2], " ".join("%.3f" % a.get(k, float("nan")) for k in ("p50", "p90", "p99", "p99.9", "max")),
    s["achieved"]["meanPerSecond"], s["offered"]["meanPerSecond"], s["sendLag"].get("p99", float("nan")), verdict))
for check in ([] if audit is None else audit["checks"]):
    if not check["passed"]:
        print("          [FAIL] %s: %s" % (check["name"], check["detail"]))
PY
    if [[ -z "$CLUSTER" ]]; then
        # the node's own buyer latency and ring wait during this step's run only (not its warm-up or earlier steps):
        # the node's per-second interval logs (.hlog in its data directory) cut to the run's window by HdrHistogram's
        # own HistogramLogProcessor, from the fat jar the launcher built
        python3 - "$SUMMARY" "$SECONDS_EACH" "$WORK/data" "$ROOT/bench/cli/target/flashsale.jar" "$WORK" <<'PY'
import glob, json, re, subprocess, sys
summary, seconds, data, jar, work = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
start = json.load(open(summary))["startEpochMillis"] / 1000.0
figures = []
for stage in ("http_total", "ring_wait"):
    logs = sorted(glob.glob("%s/**/latency-%s-*.hlog" % (data, stage), recursive=True))
    if not logs:
        figures.append("%s: no interval log" % stage)
        continue
    base = float(re.search(r"#\[StartTime: ([0-9.]+)", open(logs[-1]).read()).group(1))
    out = "%s/window-%s" % (work, stage)
    subprocess.run(["java", "-cp", jar, "org.HdrHistogram.HistogramLogProcessor", "-i", logs[-1],
                    "-start", "%.3f" % (start - base), "-end", "%.3f" % (start - base + seconds),
                    "-outputValueUnitRatio", "1000", "-o", out], check=True, capture_output=True)
    rows = [l.split() for l in open(out + ".hgrm") if re.match(r"\s+[0-9.]+\s+[0-9.]+\s+[0-9]+", l)]
    at = lambda q: next(float(r[0]) for r in rows if float(r[1]) >= q)
    figures.append("%s p99 %.0f us, p99.9 %.0f us" % (stage, at(0.99), at(0.999)))
print("          node during the run: " + "; ".join(figures))
PY
    fi
done
