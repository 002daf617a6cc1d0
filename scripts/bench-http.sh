#!/usr/bin/env bash
# Prints HTTP figures of the release server on a catalogue (default: the
# 1,000,000-offer benchmark database made by `make bench-seed`), each from
# one run of wrk (2 threads, 64 connections):
# - offer pages rendered for the first time (every request a different
#   offer, from the sitemap; the similar offers of the same job family and
#   place may have been found for an earlier one) beside the same server sending one offer page's
#   bytes as a static file, and a cached repeat view; without compression,
#   then as browsers ask (Accept-Encoding: br, gzip; the static copy
#   precompressed on disk) — with req/s, p50, p99 and the ratio to static;
# - bytes each public page loads (HTML, CSS, JS + WebAssembly), brotli;
# - the server's resident memory after the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${SERVER_BIN:-$root/target/release/server}
port=${PORT:-3300}
export DATABASE_URL=${DATABASE_URL:-sqlite://$root/target/bench-seed.db?mode=rwc}
export DATA_DIR=${DATA_DIR:-$root/target/bench-data}
export LEPTOS_SITE_ADDR=127.0.0.1:$port PUBLIC_URL=http://127.0.0.1:$port RUST_LOG=warn
base=http://127.0.0.1:$port
duration=${DURATION:-20s}
pkg=$root/target/site/pkg

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
command -v brotli >/dev/null || { echo "brotli is missing: apt-get install brotli"; exit 1; }
(cd "$root" && "$bin" serve) &
pid=$!
scratch=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$scratch" "$pkg"/bench-static.html*' EXIT
for _ in $(seq 1 600); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done

offer=$(curl -s "$base/" | grep -o 'href="/offres/[a-z0-9-]*-[0-9]*"' | head -n 1 | cut -d'"' -f2)
company=$(curl -s "$base$offer" | grep -o 'href="/entreprises/[a-z0-9-]*-[0-9]*"' | head -n 1 | cut -d'"' -f2)
# The static copy: the same bytes, served by the same server from the
# folder of hashed assets (precompressed beside it, as they are).
curl -s "$base$offer" > "$pkg/bench-static.html"
brotli -q 11 -k -f "$pkg/bench-static.html"
gzip -9 -k -f "$pkg/bench-static.html"

# `paths-N.lua`: offers of sitemap parts 3N-2 … 3N (about 110,000 at 1M),
# each thread of wrk taking every other one, so that no two requests of a
# run ask for the same page (a repeat would be a page-cache hit, not a
# first render).
for run in 1 2; do
  {
    echo "paths = {"
    for part in $((3 * run - 2)) $((3 * run - 1)) $((3 * run)); do
      curl -s "$base/sitemaps/offres-$part.xml" | grep -o '<loc>[^<]*</loc>' \
        | sed -e 's|<loc>[a-z]*://[^/]*||' -e 's|</loc>||' | sed 's/.*/"&",/'
    done
    echo "}"
    echo 'threads = 0'
    echo 'function setup(thread) thread:set("first", threads); threads = threads + 1 end'
    echo 'n = 0'
    echo 'request = function() local i = first + 2 * n; n = n + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end'
  } > "$scratch/paths-$run.lua"
done

# `run LABEL ARGS…`: one wrk run, printed as one line; its req/s kept in $rps.
run() {
  local label=$1; shift
  local out
  out=$(wrk -t2 -c64 -d"$duration" --latency "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local p50 p99 errors
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)
  printf '%-46s %10s req/s   p50 %8s   p99 %8s %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }

echo "== Offer pages on $(curl -s "$base/sitemap.xml" | grep -c '<loc>') sitemap parts; page $offer ($(wc -c < "$pkg/bench-static.html") bytes); wrk -t2 -c64 -d$duration"
for encoding in identity "br, gzip"; do
  echo "-- Accept-Encoding: $encoding"
  header=(-H "Accept-Encoding: $encoding")
  run "static file (same bytes)" "${header[@]}" "$base/pkg/bench-static.html"; static=$rps
  run "cached page (repeat view)" "${header[@]}" "$base$offer"; cached=$rps
  part=1; [ "$encoding" = identity ] || part=2
  run "first renders (a new offer each request)" "${header[@]}" -s "$scratch/paths-$part.lua" "$base"; first=$rps
  echo "   first renders / static: $(ratio "$first" "$static")   cached / static: $(ratio "$cached" "$static")"
done

echo
echo "== Bytes each public page loads, brotli-compressed (scripts after the first interaction: scripts/page-weights.mjs)"
printf '%-44s %10s %8s\n' page html css
br_size() { curl -s -o /dev/null -H 'Accept-Encoding: br' -w '%{size_download}' "$base$1"; }
for path in "/" "/offres?q=m%C3%A9canicien&lieu=Lyon" "$offer" "$company" "/entreprises" "/faq"; do
  html=$(curl -s "$base$path")
  css=$(printf '%s' "$html" | grep -o 'href="/pkg/[^"]*\.css"' | head -n 1 | cut -d'"' -f2)
  printf '%-44s %10s %8s\n' "${path:0:44}" "$(br_size "$path")" "$(br_size "$css")"
done
if [ -x "$root/node_modules/.bin/playwright" ]; then
  node "$root/scripts/page-weights.mjs" "$base" "$offer" "$company" || true
fi

echo
echo "== Server resident memory after the run: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
