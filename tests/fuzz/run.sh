#!/bin/sh
# run.sh - run each libFuzzer target built by `make fuzz` for FUZZ_SECONDS
# (default 30), seeded from tests/fuzz/corpus/<target>/. New interesting
# inputs go to build/fuzz/corpus/<target>/, crashes to
# build/fuzz/crashes/<target>/ (copy a minimised one into
# tests/fuzz/crashes/<target>/ to keep it as a regression test).
# FUZZ_TARGETS="text time" limits the run to some targets.
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
secs=${FUZZ_SECONDS:-30}
export HARK_DATA_DIR="${HARK_DATA_DIR:-$PWD/$B/data}"
failed=""
for bin in "$B"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	t=$(basename "$bin" | sed 's/^fuzz_//')
	case " ${FUZZ_TARGETS:-$t} " in *" $t "*) ;; *) continue ;; esac
	work="$B/fuzz/corpus/$t"
	crashes="$B/fuzz/crashes/$t"
	mkdir -p "$work" "$crashes" "tests/fuzz/corpus/$t"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	echo "== fuzz_$t for ${secs}s"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-65536}" \
		-print_final_stats=1 -artifact_prefix="$crashes/" $dict \
		"$work" "tests/fuzz/corpus/$t" > "$B/fuzz/$t.log" 2>&1
	rc=$?
	grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$B/fuzz/$t.log" | tail -2
	if [ "$rc" -ne 0 ]; then
		echo "fuzz_$t FAILED (exit $rc), see $B/fuzz/$t.log; artifacts in $crashes/"
		grep -E 'ERROR: |SUMMARY: |runtime error' "$B/fuzz/$t.log" | head -5
		failed="$failed $t"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failures in:$failed"
	exit 1
fi
echo "fuzz: no crashes"
