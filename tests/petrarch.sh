#!/bin/sh
# petrarch.sh - the PETRARCH unit-test records of ../shared as a ratchet (tests/petrarch.ratchet).
SHARED=${SHARED:-../shared}
exec sh tests/lib/ratchet.sh "petrarch records" "$SHARED/refdata/petrarch/PETR.UnitTest.records.xml" tests/petrarch.ratchet
