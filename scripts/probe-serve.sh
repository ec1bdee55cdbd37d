#!/usr/bin/env bash
# Probes a local `credence serve` for consent and isolation: it must refuse to start
# without a token (or --no-auth on loopback), refuse requests without the token, for a
# foreign Host or Origin, or without a JSON Content-Type, refuse a field the history cannot
# keep and an id moved to another story without ?replace=true, and let one post that the
# history refuses fail alone while 47 others posted at the same time are acknowledged.
# Prints one line per probe (what was expected, what came) and the figures at the end.
#
#   scripts/probe-serve.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18093}"
bin=target/release/credence
[ -x "$bin" ] || cargo build --release --quiet
work=$(mktemp -d /tmp/credence-probe.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failed=0
expect() { # name expected got
  if [ "$2" = "$3" ]; then echo "ok    $1: $3"; else echo "FAIL  $1: expected $2, got $3"; failed=1; fi
}

# Consent at start-up: no token and no --no-auth; --no-auth beyond loopback.
set +e
"$bin" serve --addr "127.0.0.1:$port" --db "$work/h.db" 2>"$work/err"; code=$?
expect "start without a token" 2 "$code"
"$bin" serve --addr "0.0.0.0:$port" --db "$work/h.db" --no-auth 2>"$work/err"; code=$?
expect "start with --no-auth on 0.0.0.0" 2 "$code"
set -e

# A history whose database refuses one article's score, as a full disk or a constraint would.
# `score --db` makes the history (its schema) before the trigger is added.
"$bin" score fixtures/service/harbour-fire.jsonl --db "$work/h.db" >/dev/null 2>&1
python3 - "$work/h.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("""CREATE TRIGGER refuse BEFORE INSERT ON scores WHEN NEW.article_id = 'bad'
              BEGIN SELECT RAISE(ABORT, 'refused'); END""")
db.commit()
PY
echo "probe-t0ken" > "$work/token"
"$bin" serve --addr "127.0.0.1:$port" --db "$work/h.db" --token-file "$work/token" 2>"$work/server.log" &
pid=$!
for _ in $(seq 50); do curl -s "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/v1/articles"
json="Content-Type: application/json"
auth="Authorization: bearer probe-t0ken"
article=$(sed -n 2p fixtures/service/harbour-fire.jsonl)
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

expect "post without the token" 401 "$(status -X POST -H "$json" --data-binary "$article" "$url")"
expect "post with a wrong token" 401 "$(status -X POST -H "$json" -H "Authorization: Bearer nope" --data-binary "$article" "$url")"
expect "post as text/plain" 415 "$(status -X POST -H "$auth" -H "Content-Type: text/plain" --data-binary "$article" "$url")"
expect "post for Host rebound.example" 403 "$(status -X POST -H "$auth" -H "$json" -H "Host: rebound.example" --data-binary "$article" "$url")"
expect "post from Origin https://evil.example" 403 "$(status -X POST -H "$auth" -H "$json" -H "Origin: https://evil.example" --data-binary "$article" "$url")"
expect "post with the token (bearer in lower case)" 200 "$(status -X POST -H "$auth" -H "$json" --data-binary "$article" "$url")"
nul=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); a["id"]="nul"; a["title"]="a\u0000b"; print(json.dumps(a))' "$article")
expect "a title holding NUL" 422 "$(status -X POST -H "$auth" -H "$json" --data-binary "$nul" "$url")"
moved=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); a["story"]="elsewhere"; print(json.dumps(a))' "$article")
expect "an id moved to another story" 409 "$(status -X POST -H "$auth" -H "$json" --data-binary "$moved" "$url")"
expect "the same with ?replace=true" 200 "$(status -X POST -H "$auth" -H "$json" --data-binary "$moved" "$url?replace=true")"

# Isolation: 48 posts from 8 clients at once, one of them refused by the database.
mkdir -p "$work/posts"
python3 - "$work/posts" <<'PY'
import json, sys
lines = open("fixtures/service/harbour-fire.jsonl").read().splitlines()
for client in range(8):
    for n in range(6):
        a = json.loads(lines[(client + n) % len(lines)])
        a["id"] = "bad" if (client, n) == (3, 2) else f"c{client}-{n}"
        a["story"] = f"probe-{n % 2}"
        open(f"{sys.argv[1]}/{client}-{n}.json", "w").write(json.dumps(a))
PY
commits_before=$(curl -s -H "$auth" "http://127.0.0.1:$port/metrics" | awk '/^credence_commits_total/ {print $2}')
for client in $(seq 0 7); do
  ( for n in $(seq 0 5); do
      code=$(status -X POST -H "$auth" -H "$json" --data-binary "@$work/posts/$client-$n.json" "$url")
      echo "$client-$n $code"
    done ) > "$work/answers.$client" &
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
sleep 0.2
cat "$work"/answers.* > "$work/answers"
ok=$(awk '$2 == 200' "$work/answers" | wc -l)
bad=$(awk '$1 == "3-2" {print $2}' "$work/answers")
commits_after=$(curl -s -H "$auth" "http://127.0.0.1:$port/metrics" | awk '/^credence_commits_total/ {print $2}')
kept=0
for s in 0 1; do
  n=$(curl -s -H "$auth" "http://127.0.0.1:$port/v1/stories/probe-$s" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["articles"]))')
  kept=$((kept + n))
done
expect "the post the database refuses" 500 "$bad"
expect "the 47 others acknowledged" 47 "$ok"
expect "the 47 others in the history" 47 "$kept"
logged=$(grep -c ' error request=.* 500 ' "$work/server.log" || true)
expect "failures logged with their request id" 1 "$logged"

# SIGTERM: exit 0, quickly.
start=$(date +%s%N)
kill -TERM "$pid"; set +e; wait "$pid"; code=$?; set -e; pid=""
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect "exit on SIGTERM" 0 "$code"
echo "figures: 48 posts from 8 clients in $((commits_after - commits_before)) commits; 47 acknowledged and kept, 1 refused alone; stopped in $took ms"
exit "$failed"
