#!/bin/sh
# eval.sh - `make eval`: for every sentiment set in ../shared/data/sentiment
# (or $SHARED/data/sentiment), the agreement of the vader model with the
# reference VADER numbers, the 3-class F1 of both models (English sets with
# human ratings) and the binary accuracy of the Turkish scorer. Sets that
# are absent are skipped. Also scores hark's own review fixture.
cd "$(dirname "$0")/.." || exit 2
B=${B:-build}
export HARK_DATA_DIR="${HARK_DATA_DIR:-$PWD/$B/data}"
SHARED=${SHARED:-$PWD/../shared}
D=$SHARED/data/sentiment
E=$B/bench/sentiment_eval
[ -x "$E" ] || make -s "$E" || exit 1
found=0
echo "== English: agreement with reference VADER (vader model, printed precision)"
for f in "$D"/en/*.tsv; do
	[ -f "$f" ] || continue
	found=1
	"$E" agree "$f"
done
echo "== English: 3-class F1 (gold = sign of human_mean; thresholds +-0.05; support-weighted)"
for f in "$D"/en/*.tsv; do
	[ -f "$f" ] || continue
	head -1 "$f" | grep -q human_mean || continue
	"$E" f1 vader "$f"
	"$E" f1 hark "$f"
done
echo "== English: hark's review snippet fixture (tests/fixtures/sentiment)"
"$E" f1 vader tests/fixtures/sentiment/reviews_en.tsv
"$E" f1 hark tests/fixtures/sentiment/reviews_en.tsv
"$E" f1 vader tests/fixtures/sentiment/reviews_en_holdout.tsv
"$E" f1 hark tests/fixtures/sentiment/reviews_en_holdout.tsv
echo "== Turkish: binary accuracy (P/N; a neutral answer counts as wrong)"
for f in "$D"/tr/*.csv; do
	[ -f "$f" ] || continue
	found=1
	"$E" acc tr "$f"
done
"$E" acc tr tests/fixtures/sentiment/reviews_tr.csv
"$E" acc tr tests/fixtures/sentiment/reviews_tr_products.csv
"$E" acc tr tests/fixtures/sentiment/reviews_tr_holdout.csv
"$E" acc tr tests/fixtures/sentiment/reviews_tr_holdout2.csv
"$E" acc tr tests/fixtures/sentiment/reviews_tr_holdout3.csv
[ "$found" -eq 1 ] || echo "skip - no shared sentiment sets under $D"
exit 0
