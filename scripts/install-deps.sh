#!/bin/sh
# install-deps.sh - installs what khaldun needs to build and test on Debian 12 (or Ubuntu).
# Safe to re-run: apt-get skips what is already there. Needs root or sudo.
# iso-codes and libtimezonemap-data are the data tools/gen-countries.c reads (make
# check-generated compares dict/countries.generated.actors with what they give).
# clang and libclang-rt-dev build the libFuzzer targets (make fuzz, make fuzz-smoke in CI).
# libsqlite3-dev is the event store (khaldun code --db, export, query: issue #9).
set -e
# libtimezonemap-data is also GeoNames' cities15000.txt, admin1Codes.txt, countryInfo.txt (CC BY
# 4.0), compiled into build/places.gaz for event locations (issue #6); the build goes on without it.
PKGS="build-essential pkg-config libcjson-dev libutf8proc-dev zlib1g-dev libxml2-dev libsqlite3-dev iso-codes libtimezonemap-data
      clang libclang-rt-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: all present ($PKGS)"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "install-deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
