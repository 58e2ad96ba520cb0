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
