#!/usr/bin/env bash
# Load test of `credence serve` with a real load generator (oha, installed by cargo when
# missing): articles posted one per request from a JSONL file at 1, 8 and 64 concurrent
# clients, on a fresh history. Prints requests a second, p50/p99 latency, the server's CPU
# seconds and its peak memory.
#
#   scripts/load.sh [DB] [ARTICLES.jsonl] [REQUESTS]
#   DB: an SQLite file (default /tmp/credence-load.db) or a postgres:// URL of an empty database
#   ARTICLES: default a generated corpus (cargo run --release --example gen_corpus -- 10000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-/tmp/credence-load.db}"
body="${2:-/tmp/credence-load.jsonl}"
requests="${3:-10000}"
port=18090
command -v oha >/dev/null || cargo install --locked oha
cargo build --release --quiet
if [ ! -s "$body" ]; then
  cargo run --release --quiet --example gen_corpus -- 10000 20 > "$body"
fi
for clients in 1 8 64; do
  case "$db" in
    postgres*) psql "$db" -qc "DROP TABLE IF EXISTS scores, articles, latest, credence_schema" >/dev/null ;;
    *) rm -f "$db" "$db-wal" "$db-shm" ;;
  esac
  target/release/credence serve --addr "127.0.0.1:$port" --db "$db" --no-auth 2>/dev/null &
  pid=$!
  sleep 0.5
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the server did not start (is port $port taken?)" >&2
    exit 1
  fi
  cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  oha --no-tui -n "$requests" -c "$clients" -m POST -Z "$body" -T application/json \
    "http://127.0.0.1:$port/v1/articles" > /tmp/credence-oha.txt 2>&1
  cpu_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  awk -v c="$clients" -v cpu="$(( cpu_after - cpu_before ))" -v peak="$peak" -v n="$requests" '
    /Success rate/ { ok = $3 } /Requests\/sec/ { rps = $2 }
    /50.00% in/ { p50 = $3 } /99.00% in/ { p99 = $3 }
    END { printf "clients %2d: %7.1f articles/s, p50 %6.1f ms, p99 %6.1f ms, success %s, server CPU %.1f s (%.0f articles per CPU second), peak %d MB\n",
                 c, rps, p50, p99, ok, cpu / 100, n / (cpu / 100), peak / 1024 }' /tmp/credence-oha.txt
done
