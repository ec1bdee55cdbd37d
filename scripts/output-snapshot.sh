#!/usr/bin/env bash
# Writes what a credence binary prints on every shared set and fixture into one folder, so two
# builds can be compared byte for byte:
#   scripts/output-snapshot.sh OLD_BINARY /tmp/before
#   scripts/output-snapshot.sh target/release/credence /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
# ../shared (beside the project's root) holds the seeds, corpora, labelled and planted sets.
set -uo pipefail
bin=$(realpath "$1"); out=$2
cd "$(dirname "$0")/.."
shared=../shared
rm -rf "$out"; mkdir -p "$out"
sets=(fixtures/istanbul-talks fixtures/eval-set/dam-vote fixtures/eval-set/harbour-fire
      fixtures/eval-set/rail-strike fixtures/service/harbour-fire.jsonl "$shared/seeds")
for c in "$shared"/corpora/*/ "$shared"/labelled/*/ "$shared"/planted/*/; do
  [ -d "$c" ] && [ "$(basename "$c")" != __pycache__ ] && sets+=("${c%/}")
done
for s in "${sets[@]}"; do
  name=$(echo "$s" | tr '/.' '__')
  "$bin" score "$s" --format json >"$out/$name.score.json" 2>"$out/$name.score.err"; echo "exit $?" >>"$out/$name.score.err"
  "$bin" --wide score "$s" >"$out/$name.table.txt" 2>&1
  "$bin" score "$s" --format markdown >"$out/$name.md" 2>&1
  "$bin" stories "$s" >"$out/$name.stories.txt" 2>&1
  "$bin" sources "$s" >"$out/$name.sources.txt" 2>&1
  "$bin" extract "$s" --format json >"$out/$name.extract.json" 2>&1
done
for seed in "$shared"/seeds/*.txt; do
  "$bin" explain "$seed" --corpus "$shared/seeds" >"$out/explain_$(basename "$seed").txt" 2>&1
done
"$bin" eval "$shared/labelled/random-political" --labels "$shared/labelled/random-political/labels.csv" >"$out/eval-labelled.txt" 2>&1
"$bin" eval fixtures/eval-set --labels fixtures/eval-set/labels.csv >"$out/eval-fixtures.txt" 2>&1
"$bin" rules list >"$out/rules-list.txt" 2>&1
# Timings are the only bytes allowed to differ between runs.
sed -i -E 's/[0-9]+\.[0-9]+ s(;|$)/X s\1/; s/in [0-9.]+ ?m?s/in X/' "$out"/*.txt "$out"/*.md "$out"/*.err 2>/dev/null
echo "$(ls "$out" | wc -l) files in $out"
