#!/usr/bin/env bash
# Two JobToMove instances on one PostgreSQL database behind nginx, on this
# machine: `deploy/run.sh start|stop|status`. Uploads and the outbox are on
# one local folder both instances share (set S3_BUCKET and the AWS_*
# variables for an S3-compatible store instead); each instance has its own
# search index.
#
#   DATABASE_URL  the PostgreSQL database (required)
#   SERVER_BIN    the server binary (default: the release build)
#   RUN_DIR       where state and logs go (default: target/deploy)
#   PORT          nginx's port (default 8080); the instances use PORT+1, PORT+2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
SERVER_BIN="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
RUN_DIR="${RUN_DIR:-$root/target/deploy}"
PORT="${PORT:-8080}"
PORT_A=$((PORT + 1))
PORT_B=$((PORT + 2))
export RUN_DIR PORT PORT_A PORT_B

start_instance() { # name port
    mkdir -p "$RUN_DIR/$1"
    DATABASE_URL="$DATABASE_URL" DATA_DIR="$RUN_DIR/shared" INDEX_DIR="$RUN_DIR/$1/index" \
        INSTANCE_NAME="$1" LEPTOS_SITE_ADDR="127.0.0.1:$2" \
        PUBLIC_URL="${PUBLIC_URL:-http://127.0.0.1:$PORT}" LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$root/target/site}" \
        nohup "$SERVER_BIN" serve >"$RUN_DIR/$1/server.log" 2>&1 &
    echo $! >"$RUN_DIR/$1/pid"
}

wait_healthy() { # url
    for _ in $(seq 1 120); do
        curl -fsS "$1/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "not ready: $1" >&2
    return 1
}

case "${1:-start}" in
start)
    : "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"
    command -v nginx >/dev/null || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
    mkdir -p "$RUN_DIR/shared"
    # Migrate once, before either instance starts.
    DATABASE_URL="$DATABASE_URL" DATA_DIR="$RUN_DIR/shared" "$SERVER_BIN" migrate
    start_instance a "$PORT_A"
    start_instance b "$PORT_B"
    wait_healthy "http://127.0.0.1:$PORT_A"
    wait_healthy "http://127.0.0.1:$PORT_B"
    envsubst '${RUN_DIR} ${PORT} ${PORT_A} ${PORT_B}' <"$root/deploy/nginx.conf.template" >"$RUN_DIR/nginx.conf"
    nginx -c "$RUN_DIR/nginx.conf"
    wait_healthy "http://127.0.0.1:$PORT"
    echo "JobToMove on http://127.0.0.1:$PORT (instances on $PORT_A and $PORT_B)"
    ;;
stop)
    [ -f "$RUN_DIR/nginx.pid" ] && nginx -c "$RUN_DIR/nginx.conf" -s stop || true
    for name in a b; do
        [ -f "$RUN_DIR/$name/pid" ] && kill -TERM "$(cat "$RUN_DIR/$name/pid")" 2>/dev/null || true
    done
    ;;
status)
    for url in "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" "http://127.0.0.1:$PORT"; do
        printf '%s ' "$url"; curl -fsS "$url/health/ready" || echo "down"; echo
    done
    ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
