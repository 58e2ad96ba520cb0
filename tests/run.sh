#!/bin/sh
# run.sh - runs every unit test binary and integration test, counts the
# "ok"/"not ok"/"skip" lines they print, and ends with "N passed, N failed".
# Set TESTS="name ..." to run a subset.
cd "$(dirname "$0")/.." || exit 2
B=${B:-build}
export HARK="$PWD/$B/hark" HARK_DATA_DIR="$PWD/$B/data" HARK_SRC="$PWD"
export SHARED="${SHARED:-$PWD/../shared}"
log=$B/test.log
: > "$log"
pass=0 fail=0 skip=0
run_one() { # name command...
	name=$1; shift
	case " ${TESTS:-$name} " in *" $name "*) ;; *) return ;; esac
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | sed "s|^|$name: |" >> "$log"
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	s=$(printf '%s\n' "$out" | grep -c '^skip ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; out="$out
not ok - $name exited with status $rc"
	fi
	[ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ] && { f=1; out="$out
not ok - $name ran no check"; }
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	printf '%-28s %4d passed %3d failed %3d skipped\n' "$name" "$p" "$f" "$s"
	printf '%s\n' "$out" | grep -E '^(not ok|#|skip)' | sed 's/^/    /'
}
for t in $B/tests/*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/integration/test_*.py; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .py)" python3 "$t"
done
for t in tests/integration/test_*.sh; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .sh)" sh "$t"
done
echo "(full output in $log; $skip skipped)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
