#!/usr/bin/env bash
# Scores FEED with the Spark job in local mode and with the credence binary on one machine,
# and compares the two: "identical: N articles" and exit 0, or the first difference and
# exit 1.
#
#   scripts/spark-local.sh FEED [CORES] [--cluster | --stream]
#
# CORES is Spark's local[CORES]; --cluster gives articles without a story key one from
# credence's clustering, in both runs; --stream runs the streaming query instead, on FEED cut
# into two files that arrive one after the other. CREDENCE_BIN names the binary to use (else
# a release build).
#
# Installs what it needs: Java from Debian's packages when there is none, and pyspark from
# PyPI in a virtual environment under target/. Timings of both runs go to stderr.
set -euo pipefail

feed=${1:?usage: scripts/spark-local.sh FEED [CORES] [--cluster | --stream]}
cores=${2:-2}
cluster=()
mode=batch
case "${3:-}" in
    --cluster) cluster=(--cluster) ;;
    --stream) mode=stream ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}

if ! command -v java >/dev/null 2>&1; then
    echo "spark-local: installing Java (openjdk-17-jre-headless)" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        openjdk-17-jre-headless >/dev/null
fi
venv=$target/spark-venv
if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
    echo "spark-local: installing pyspark in $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'pyspark==3.5.*'
fi
# The binary to ship: CREDENCE_BIN (a test's own build), else a release build.
bin=${CREDENCE_BIN:-}
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release --quiet)
    bin=$target/release/credence
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PYSPARK_PYTHON=$venv/bin/python PYSPARK_DRIVER_PYTHON=$venv/bin/python

if [ "$mode" = stream ]; then
    # The streaming query over a directory two files arrive in: the first half of every
    # story's articles, then the second. The first micro-batch must score as the first file
    # alone does, the second as both files together do for its articles (with a story
    # window wide enough to keep every earlier article; one machine has no window).
    mkdir -p "$work/incoming"
    "$venv/bin/python" - "$feed" "$work" <<'PY'
import json, sys
from collections import defaultdict
feed, work = sys.argv[1], sys.argv[2]
stories = defaultdict(list)
for line in open(feed, encoding="utf-8"):
    if line.strip():
        stories[json.loads(line).get("story")].append(line)
first, second = [], []
for lines in stories.values():
    first += lines[: len(lines) // 2]
    second += lines[len(lines) // 2 :]
open(work + "/incoming/1.jsonl", "w", encoding="utf-8").writelines(first)
open(work + "/incoming/2.jsonl", "w", encoding="utf-8").writelines(second)
open(work + "/first.jsonl", "w", encoding="utf-8").writelines(first)
open(work + "/both.jsonl", "w", encoding="utf-8").writelines(first + second)
PY
    "$venv/bin/spark-submit" --master "local[$cores]" --conf spark.ui.enabled=false \
        --conf spark.driver.memory=2g --files "$bin" \
        "$root/integrations/spark/credence_spark.py" --stream --once --files-per-trigger 1 \
        --input "$work/incoming" --output "$work/stream" --checkpoint "$work/checkpoint" \
        --binary credence --partitions "$((cores * 4))" --window-days 100000 \
        2> "$work/spark.log" || { tail -50 "$work/spark.log" >&2; exit 2; }
    "$bin" score "$work/first.jsonl" --format jsonl --no-config > "$work/first.out" 2>/dev/null || [ $? -eq 1 ]
    "$bin" score "$work/both.jsonl" --format jsonl --no-config > "$work/both.out" 2>/dev/null || [ $? -eq 1 ]
    exec "$venv/bin/python" - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
def rows(paths):
    out = {}
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if line.strip() and not line.startswith('{"error"'):
                r = json.loads(line)
                r.pop("path", None)
                out[r["id"]] = r
    return out
first, both = rows([work + "/first.out"]), rows([work + "/both.out"])
total = 0
for n, expected in ((0, first), (1, both)):
    got = rows(glob.glob(work + "/stream/batch-%06d/articles/part-*" % n))
    want_ids = set(rows([work + "/first.out"])) if n == 0 else set(both) - set(first)
    if set(got) != want_ids:
        print("different: micro-batch %d wrote %d articles, expected %d" % (n, len(got), len(want_ids)))
        sys.exit(1)
    for i in sorted(got):
        if got[i] != expected[i]:
            print("different: %s in micro-batch %d" % (i, n))
            sys.exit(1)
    total += len(got)
print("identical: %d articles in 2 micro-batches" % total)
PY
fi

start=$(date +%s%N)
"$venv/bin/spark-submit" --master "local[$cores]" --conf spark.ui.enabled=false \
    --conf spark.driver.memory=2g --files "$bin" \
    "$root/integrations/spark/credence_spark.py" \
    --input "$feed" --output "$work/spark" --binary credence --partitions "$((cores * 4))" "${cluster[@]}" \
    2> "$work/spark.log" || { tail -50 "$work/spark.log" >&2; exit 2; }
spark_ns=$(($(date +%s%N) - start))
grep -h "^credence:" "$work/spark.log" >&2 || true

start=$(date +%s%N)
"$bin" score "$feed" "${cluster[@]}" --format jsonl --no-config > "$work/single.jsonl" 2> "$work/single.log" || [ $? -eq 1 ]
single_ns=$(($(date +%s%N) - start))
awk -v c="$cores" -v s="$spark_ns" -v o="$single_ns" \
    'BEGIN { printf "spark-local: Spark local[%s] %.1f s, one machine %.1f s\n", c, s / 1e9, o / 1e9 }' >&2

"$venv/bin/python" - "$work/spark/articles" "$work/single.jsonl" <<'PY'
import glob, json, os, sys

spark_dir, single = sys.argv[1], sys.argv[2]

def rows(paths):
    out = {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if "error" in r:
                    continue
                # Where the text came from differs by design (a file here, a stream there).
                r.pop("path", None)
                out[r["id"]] = r
    return out

def errors(paths):
    n = 0
    for p in paths:
        with open(p, encoding="utf-8") as f:
            n += sum(1 for line in f if line.startswith('{"error"'))
    return n

spark = rows(sorted(glob.glob(os.path.join(spark_dir, "part-*"))))
alone = rows([single])
spark_errors = errors(glob.glob(os.path.join(os.path.dirname(spark_dir), "errors", "part-*")))
alone_errors = errors([single])
if spark_errors != alone_errors:
    print("different: %d errors on one machine, %d in Spark" % (alone_errors, spark_errors))
    sys.exit(1)
for i in sorted(set(spark) | set(alone)):
    a, b = alone.get(i), spark.get(i)
    if a != b:
        print("different: %s" % i)
        if a is None or b is None:
            print("  only in %s" % ("Spark" if a is None else "one machine"))
        else:
            for k in a:
                if a[k] != b.get(k):
                    print("  %s: one machine %s" % (k, json.dumps(a[k])[:300]))
                    print("  %s: Spark       %s" % (k, json.dumps(b.get(k))[:300]))
                    break
        sys.exit(1)
print("identical: %d articles" % len(alone) + (", %d errors" % alone_errors if alone_errors else ""))
PY
