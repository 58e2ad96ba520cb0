#!/bin/sh
# run.sh - `make bench`: sentiment throughput (texts/s, MB/s) on the shared
# English and Turkish sets repeated for BENCH_SECONDS each (default 10),
# lexicon load time, and max RSS. Figures are printed, not asserted.
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
export HARK_DATA_DIR="${HARK_DATA_DIR:-$PWD/$B/data}"
SHARED=${SHARED:-$PWD/../shared}
D=$SHARED/data/sentiment
T=${BENCH_SECONDS:-10}
X=$B/bench/sentiment_bench
[ -x "$X" ] || make -s "$X" || exit 1
echo "== sentiment: one core, each set repeated for ${T}s"
"$X" load
run() { # model lang file
	if [ -f "$3" ]; then "$X" -t "$T" "$1" "$2" "$3"; else echo "skip - $3 absent"; fi
}
run vader en "$D/en/movie.tsv"
run hark en "$D/en/movie.tsv"
run vader en "$D/en/tweets.tsv"
run hark tr "$D/tr/movie_reviews.csv"
run hark tr "$D/tr/tweets_test.csv"
run hark auto "$D/en/movie.tsv"
run hark auto "$D/tr/movie_reviews.csv"
SHARED="$SHARED" python3 tests/bench/bench_sentiment_peers.py -t "${PEER_SECONDS:-3}" "$X" # vs npm sentiment, vader-sentiment

# Pipeline (tests/bench/bench_*.c, bench_*.py, peer_node.js): synthetic bodies
# from gen_bodies.py, nothing from ../shared. PARSE_SECONDS per parser figure.
W=$B/bench/work
PT=${PARSE_SECONDS:-2}
for x in bench_parse bench_store; do [ -x "$B/bench/$x" ] || make -s "$B/bench/$x" || exit 1; done
echo "== parsers: adapter parse() on synthetic bodies, one core, ${PT}s CPU each"
rm -rf "$W" && python3 tests/bench/gen_bodies.py parse "$W/bodies" || exit 1
"$B/bench/bench_parse" -t "$PT" -l "RSS 2.0" rss "$W/bodies/rss2.xml"
"$B/bench/bench_parse" -t "$PT" -l "Atom 1.0" rss "$W/bodies/atom.xml"
"$B/bench/bench_parse" -t "$PT" appstore "$W/bodies/appstore.json"
"$B/bench/bench_parse" -t "$PT" reddit "$W/bodies/reddit.json"
"$B/bench/bench_parse" -t "$PT" -l "mapped JSON" json "$W/bodies/json.json"
"$B/bench/bench_parse" -t "$PT" -l "XPath page" html "$W/bodies/page.html"
echo "== store: ${STORE_MENTIONS:-200000} mentions"
"$B/bench/bench_store" -n "${STORE_MENTIONS:-200000}" "$W/store.db" &&
	python3 tests/bench/bench_export.py "$B/hark" "$W/store.db"
python3 tests/bench/bench_poll.py "$B/hark" "$W/poll" "${POLL_FEEDS:-200}" "${POLL_ITEMS:-50}"
python3 tests/bench/bench_peers.py -t "$PT" "$B/bench/bench_parse" "$B/hark" "$W/bodies/rss2.xml"
rm -rf "$W"
