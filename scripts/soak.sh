#!/usr/bin/env bash
# Soak of `credence serve`: a steady rate of posts (oha) for a while on a fresh SQLite
# history, sampling the server's memory and the database's size every 30 seconds.
#
#   scripts/soak.sh [SECONDS=600] [RATE=200] [ARTICLES.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
rate="${2:-200}"
body="${3:-/tmp/credence-load.jsonl}"
db=/tmp/credence-soak.db
port=18091
command -v oha >/dev/null || cargo install --locked oha
cargo build --release --quiet
if [ ! -s "$body" ]; then
  cargo run --release --quiet --example gen_corpus -- 10000 20 > "$body"
fi
rm -f "$db" "$db-wal" "$db-shm"
target/release/credence serve --addr "127.0.0.1:$port" --db "$db" --no-auth 2>/tmp/credence-soak-server.log &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
sleep 0.5
if ! kill -0 "$pid" 2>/dev/null; then
  cat /tmp/credence-soak-server.log >&2
  exit 1
fi
oha --no-tui -z "${seconds}s" -q "$rate" -c 8 -m POST -Z "$body" -T application/json \
  "http://127.0.0.1:$port/v1/articles" > /tmp/credence-soak-oha.txt 2>&1 &
load=$!
echo "seconds rss_MB db_MB"
start=$(date +%s)
while kill -0 "$load" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  size=$(du -cm "$db"* | tail -1 | cut -f1)
  echo "$(( $(date +%s) - start )) $(( rss / 1024 )) $size"
  sleep 30
done
grep -E "Success rate|Requests/sec|50.00% in|99.00% in" /tmp/credence-soak-oha.txt
curl -s "http://127.0.0.1:$port/metrics" | grep -E "^credence_(articles_scored|requests_refused)_total|^credence_requests_total"
rows=$(target/release/credence history --db "$db" --format json | grep -c '"outlet"' || true)
echo "outlets in the history: $rows"
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
