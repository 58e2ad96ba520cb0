#!/bin/sh
# The demo behind `make demo`: poll the bundled sample sources over file://,
# show what was stored, the alerts hark would send, and write the reports.
set -e
cd "$(dirname "$0")/../.."
HARK="$PWD/build/hark"
export HARK_DEMO="$PWD/etc/demo"
export HARK_DEMO_OUT="$PWD/build/demo"
export HARK_DATA_DIR="$PWD/build/data"
rm -rf "$HARK_DEMO_OUT"
mkdir -p "$HARK_DEMO_OUT"
conf="$HARK_DEMO/hark.conf"

echo "== hark check"
"$HARK" -c "$conf" check
echo
echo "== hark poll -v"
"$HARK" -c "$conf" -v poll
echo
echo "== hark sources"
"$HARK" -c "$conf" sources
echo
echo "== stored mentions (sentiment, label, source, title)"
"$HARK" -c "$conf" export --format jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    print("%+.3f  %-8s  %-11s  %s" % (m["sentiment"], m["label"], m["source"], m["title"]))
'
echo
echo "== alerts hark would send (written by the [alert social-team] rule, type = file)"
if [ -s "$HARK_DEMO_OUT/alerts.jsonl" ]; then
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    m = a.get("mention") or {}
    print("  [%s] %s: %s (%s)" % (a.get("source"), m.get("label"), m.get("title"), m.get("url")))
' "$HARK_DEMO_OUT/alerts.jsonl"
else
	"$HARK" -c "$conf" alerts list 2>/dev/null || echo "  (none)"
fi
echo
"$HARK" -c "$conf" export -o "$HARK_DEMO_OUT/mentions.csv"
"$HARK" -c "$conf" report --by day -o "$HARK_DEMO_OUT/report.csv"
echo "== reputation report ($HARK_DEMO_OUT/report.csv)"
cat "$HARK_DEMO_OUT/report.csv"
echo
echo "wrote $HARK_DEMO_OUT/mentions.csv and $HARK_DEMO_OUT/report.csv"
