#!/bin/sh
# deps.sh check|install PKGCONFIG_NAMES... -- DEBIAN_PACKAGES...
# Finds missing build dependencies; installs them with apt-get when root,
# otherwise prints the exact command and fails.
mode=$1; shift
pcs=; debs=
while [ $# -gt 0 ] && [ "$1" != -- ]; do pcs="$pcs $1"; shift; done
[ "$1" = -- ] && shift
debs="$*"
missing=
command -v pkg-config >/dev/null 2>&1 || missing=1
if [ -z "$missing" ]; then
	for p in $pcs; do pkg-config --exists "$p" || missing=1; done
fi
command -v npm >/dev/null 2>&1 || missing=1
[ -f /usr/lib/python3/dist-packages/aiosmtpd/__init__.py ] || missing=1
[ -z "$missing" ] && [ "$mode" = check ] && exit 0
need=
for d in $debs; do
	dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'ok installed' || need="$need $d"
done
# npm may come from nodejs' own packaging rather than Debian's npm package.
case " $need " in *" npm "*) command -v npm >/dev/null 2>&1 && need=$(echo "$need" | sed 's/ npm//') ;; esac
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "hark: installing build dependencies:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null || {
		echo "hark: apt-get install failed" >&2; exit 1; }
else
	echo "hark: missing build dependencies. Run:" >&2
	echo "  sudo apt-get install$need" >&2
	exit 1
fi
