#!/usr/bin/env bash
# Throughput of `credence score` on generated corpora, beside `rg -c` with the default
# rules' patterns as the reference for what one regex scan over the same text costs.
#
#   scripts/bench.sh [ARTICLES...]      default: 10000 100000
#
# Prints, per corpus and thread count: wall time (median of RUNS, default 5), MB/s,
# articles/s and peak memory. Needs /usr/bin/time (GNU time) and rg (ripgrep); installs
# ripgrep with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
bin=target/release/credence
mkdir -p target/bench

# The default rules' phrases and patterns, as one regex per line for rg.
patterns=target/bench/patterns.txt
python3 - "$patterns" <<'PY'
import sys, tomllib
def escape(s):
    # Rust regex syntax: escape the metacharacters, not spaces or quotes.
    return "".join("\\" + c if c in r"\.+*?()|[]{}^$#&-~" else c for c in s)
rules = tomllib.load(open("rules/default.toml", "rb"))
out = []
for r in rules.get("rule", []):
    o = r.get("options", {})
    if o.get("scope") == ["furniture"]:
        continue  # a whole-line pattern over page furniture only
    out += [escape(p) for p in o.get("phrases", [])]
    out += [p.replace("(?-u:\\b)", "\\b").replace("(?-i:", "(?:") for p in o.get("patterns", [])]
a = rules.get("attribution", {})
for key in ("verbs", "anonymous", "wire-services"):
    out += [escape(p) for p in a.get(key, [])]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-9s %-16s %8s %8s %10s %9s\n' articles run seconds MB/s articles/s peak_MB
for n in "${sizes[@]}"; do
  corpus=target/bench/corpus-$n.jsonl
  [ -s "$corpus" ] || target/release/examples/gen_corpus "$n" 20 42 > "$corpus"
  mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN {printf "%.1f", b / 1e6}')
  for threads in 1 2; do
    : > target/bench/times
    for _ in $(seq "$RUNS"); do
      RAYON_NUM_THREADS=$threads /usr/bin/time -o target/bench/t -f "%e %M" \
        "$bin" score "$corpus" --format jsonl > /dev/null 2>&1 || true
      cat target/bench/t >> target/bench/times
    done
    secs=$(cut -d' ' -f1 target/bench/times | median)
    peak=$(cut -d' ' -f2 target/bench/times | sort -n | tail -1)
    awk -v n="$n" -v t="$threads" -v s="$secs" -v mb="$mb" -v p="$peak" 'BEGIN {
      printf "%-9s %-16s %8.2f %8.1f %10.0f %9.0f\n", n, "credence " t " thread", s, mb / s, n / s, p / 1024 }'
  done
  # `rg -c` counts matching lines and can stop at a line's first match (one JSONL line is
  # one article); `--count-matches` finds every match, a full scan like credence's.
  for mode in -c --count-matches; do
    : > target/bench/times
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -o target/bench/t -f "%e %M" rg "$mode" -i -f "$patterns" "$corpus" > /dev/null 2>&1 || true
      cat target/bench/t >> target/bench/times
    done
    secs=$(cut -d' ' -f1 target/bench/times | median)
    peak=$(cut -d' ' -f2 target/bench/times | sort -n | tail -1)
    awk -v n="$n" -v s="$secs" -v mb="$mb" -v p="$peak" -v m="rg $mode" 'BEGIN {
      if (s < 0.005) s = 0.005
      printf "%-9s %-16s %8.2f %8.1f %10.0f %9.0f\n", n, m, s, mb / s, n / s, p / 1024 }'
  done
done
