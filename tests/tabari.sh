#!/bin/sh
# tabari.sh - the TABARI validation suite of ../shared as a ratchet (tests/tabari.ratchet).
SHARED=${SHARED:-../shared}
exec sh tests/lib/ratchet.sh "tabari suite" "$SHARED/refdata/tabari/Validate.project" tests/tabari.ratchet
