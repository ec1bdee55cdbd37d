#!/usr/bin/env bash
# Fuzzes ingest+extraction+rules and the rules loader for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      default: 300
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz needs nightly features; on a
# stable toolchain RUSTC_BOOTSTRAP=1 enables them. Seeds come from fixtures/ and rules/.
# A crash is saved under fuzz/artifacts/TARGET/: add it as a regression test in
# tests/reliability.rs and fix it. Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/ingest_extract fuzz/corpus/rules_loader
cp fixtures/*/*.txt fixtures/*/*/*.md fuzz/corpus/ingest_extract/ 2>/dev/null || true
cp rules/*.toml fuzz/corpus/rules_loader/
cd fuzz
for target in ingest_extract rules_loader; do
  echo "== $target for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 2>&1 | tail -n 4
done
