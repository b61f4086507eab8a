#!/usr/bin/env bash
# Our node against nginx `return 200` on this machine, with the same wrk command, each server alone, alternating,
# REPS repetitions; prints each run, then the medians and the ratios (ours / nginx):
#   POST /v1/orders (every order journaled) against nginx answering the same POSTs with `return 200`,
#   GET /health against nginx `return 200` for GET.
# Installs Debian's nginx-light (and wrk) when missing (needs root). nginx runs with NGINX_WORKERS worker processes
# (default 1, like the node's one event loop), access log off.
# usage: bench/wrk/vs-nginx.sh [connections=64] [seconds=10] [reps=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${1:-64}"
SECONDS_EACH="${2:-10}"
REPS="${3:-3}"
PORT="${FLASHSALE_WRK_PORT:-18080}"
NGINX_PORT="${NGINX_PORT:-18088}"
WORK="$(mktemp -d)"

install() {
    command -v "$1" >/dev/null && return 0
    [[ $(id -u) -eq 0 ]] || { echo "$1 is missing; install Debian's $2 (needs root)" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
}
install wrk wrk
[[ -x /usr/sbin/nginx ]] || install nginx nginx-light

cat > "$WORK/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-1};
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/body;
    server {
        listen 127.0.0.1:$NGINX_PORT reuseport backlog=1024;
        location / { return 200 '{"status":"UP"}'; }
    }
}
CONF

NODE=0
cleanup() {
    [[ $NODE -ne 0 ]] && { kill -TERM $NODE 2>/dev/null; wait $NODE 2>/dev/null || true; }
    [[ -f "$WORK/nginx.pid" ]] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

rps() { grep 'Requests/sec' | awk '{print $2}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_node() {
    local rep=$1 data="$WORK/data-$1"
    "$ROOT/flashsale" run --port "$PORT" --data-dir "$data" > "$WORK/node-$rep.log" 2>&1 &
    NODE=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
    FLASHSALE_USER_BASE=$((rep * 10 + 1)) wrk -t1 -c"$CONNECTIONS" -d5s -s "$ROOT/bench/wrk/orders.lua" \
        "http://127.0.0.1:$PORT" >/dev/null   # warm-up, not reported
    NODE_ORDERS+=("$(FLASHSALE_USER_BASE=$((rep * 10 + 2)) wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" \
        -s "$ROOT/bench/wrk/orders.lua" "http://127.0.0.1:$PORT" | rps)")
    NODE_HEALTH+=("$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT/health" | rps)")
    kill -TERM $NODE; wait $NODE 2>/dev/null || true; NODE=0
}

run_nginx() {
    /usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/" >/dev/null && break; sleep 0.1; done
    wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$NGINX_PORT/" >/dev/null   # warm-up
    NGINX_POST+=("$(FLASHSALE_USER_BASE=1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" \
        -s "$ROOT/bench/wrk/orders.lua" "http://127.0.0.1:$NGINX_PORT" | rps)")
    NGINX_GET+=("$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "http://127.0.0.1:$NGINX_PORT/health" | rps)")
    kill -QUIT "$(cat "$WORK/nginx.pid")"
    for _ in $(seq 1 50); do [[ -f "$WORK/nginx.pid" ]] || break; sleep 0.1; done
}

NODE_ORDERS=(); NODE_HEALTH=(); NGINX_POST=(); NGINX_GET=()
echo "wrk -t1 -c$CONNECTIONS -d${SECONDS_EACH}s, $REPS reps alternating (node, then nginx with $((${NGINX_WORKERS:-1})) worker(s))"
for rep in $(seq 1 "$REPS"); do
    run_node "$rep"
    run_nginx
    printf 'rep %d  node: POST /v1/orders %s/s, GET /health %s/s   nginx: POST %s/s, GET %s/s\n' "$rep" \
        "${NODE_ORDERS[-1]}" "${NODE_HEALTH[-1]}" "${NGINX_POST[-1]}" "${NGINX_GET[-1]}"
done
MO=$(printf '%s\n' "${NODE_ORDERS[@]}" | median); MH=$(printf '%s\n' "${NODE_HEALTH[@]}" | median)
NP=$(printf '%s\n' "${NGINX_POST[@]}" | median); NG=$(printf '%s\n' "${NGINX_GET[@]}" | median)
printf 'medians  node POST /v1/orders %s/s, GET /health %s/s; nginx POST %s/s, GET %s/s\n' "$MO" "$MH" "$NP" "$NG"
awk -v mo="$MO" -v np="$NP" -v mh="$MH" -v ng="$NG" \
    'BEGIN { printf "ratios   POST /v1/orders / nginx %.2f   GET /health / nginx %.2f\n", mo / np, mh / ng }'
