#!/usr/bin/env bash
# The France Travail import against the fake API (FRANCE_TRAVAIL.md §13) with
# $OFFERS sector offers, on a temporary SQLite database: the first run (every
# offer created), then a second one with nothing changed. Prints each run's
# report, wall time and peak memory (GNU time), and the fake's counters.
set -euo pipefail
TARGET_DIR=${TARGET_DIR:-target}
SERVER=${SERVER_BIN:-$TARGET_DIR/release/server}
FAKE=${FAKE_BIN:-$TARGET_DIR/release/fake-france-travail}
OFFERS=${OFFERS:-4200}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
"$FAKE" --port 0 --offers "$OFFERS" > "$work/fake.out" &
for _ in $(seq 50); do grep -q listening "$work/fake.out" && break; sleep 0.1; done
addr=$(sed -n 's/^listening on //p' "$work/fake.out")
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" DATA_DIR="$work" RUST_LOG=warn
export FRANCE_TRAVAIL_CLIENT_ID=PAR_jobtomove_0123456789abcdef FRANCE_TRAVAIL_CLIENT_SECRET=fake-secret
export FRANCE_TRAVAIL_API_URL="$addr/partenaire/offresdemploi"
export FRANCE_TRAVAIL_TOKEN_URL="$addr/connexion/oauth2/access_token?realm=%2Fpartenaire"
"$SERVER" migrate > /dev/null
for run in "first run" "second run (no change)"; do
  echo "== $run, $OFFERS offers in the fake API"
  /usr/bin/time -f "wall %e s, peak memory %M KiB" "$SERVER" import-france-travail
done
echo "== the fake's counters: $(curl -s "$addr/_fake/stats")"
