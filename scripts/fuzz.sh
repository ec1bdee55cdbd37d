#!/usr/bin/env bash
# Fuzzes ingest+extraction+rules and the rules loader for a bounded time each, the two
# targets side by side (one core each).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      default: 300
#
# Needs cargo-fuzz (installed here if missing). cargo-fuzz needs nightly features; on a
# stable toolchain RUSTC_BOOTSTRAP=1 enables them. Seeds come from fixtures/ and rules/.
# Each target's log is fuzz/logs/TARGET.log; its last lines (runs, coverage, corpus) are
# printed at the end. A crash is saved under fuzz/artifacts/TARGET/: add it as a regression
# test in tests/reliability.rs and fix it. Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/ingest_extract fuzz/corpus/rules_loader fuzz/logs
find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.json' -o -name '*.jsonl' \) \
  -exec cp {} fuzz/corpus/ingest_extract/ \; 2>/dev/null || true
cp rules/*.toml fuzz/corpus/rules_loader/
cd fuzz
targets=(ingest_extract rules_loader)
for target in "${targets[@]}"; do
  RUSTC_BOOTSTRAP=1 cargo fuzz build -O "$target"
done
status=0
for target in "${targets[@]}"; do
  echo "== $target for ${seconds}s (log: fuzz/logs/$target.log)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    > "logs/$target.log" 2>&1 &
done
for job in $(jobs -p); do
  wait "$job" || status=1
done
for target in "${targets[@]}"; do
  echo "== $target"
  grep -E '^#[0-9]+' "logs/$target.log" | tail -n 1 || true
  grep -E 'Done [0-9]+ runs|ERROR|panicked|deadly signal' "logs/$target.log" | tail -n 3 || true
done
exit $status
