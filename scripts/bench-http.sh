#!/usr/bin/env bash
# Prints HTTP figures of the release server on a catalogue (default: the
# 1,000,000-offer benchmark database made by `make bench-seed`):
# - offer page SSR throughput and latency with wrk at 64 connections, beside
#   the same server serving the same HTML bytes as a static file;
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

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
(cd "$root" && "$bin" serve) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done

offer=$(curl -s "$base/" | grep -o 'href="/offres/[a-z0-9-]*-[0-9]*"' | head -n 1 | cut -d'"' -f2)
company=$(curl -s "$base$offer" | grep -o 'href="/entreprises/[a-z0-9-]*-[0-9]*"' | head -n 1 | cut -d'"' -f2)
curl -s "$base$offer" > "$root/target/site/bench-static.html"

echo "== Offer page $offer: server-side rendering (repeat views are served from the page cache) vs the same bytes as a static file (wrk, 2 threads, 64 connections, $duration)"
for url in "$base$offer" "$base/bench-static.html"; do
  echo "-- $url"
  wrk -t2 -c64 -d"$duration" --latency "$url" | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors" || true
done
rm -f "$root/target/site/bench-static.html"

# Every request a different offer (first visits: nothing cached), taken
# from the sitemap.
lua=$(mktemp --suffix=.lua)
trap 'kill $pid 2>/dev/null || true; rm -f "$lua"' EXIT
{
  echo "paths = {"
  curl -s "$base/sitemaps/offres-1.xml" | grep -o '<loc>[^<]*</loc>' | sed -e 's|<loc>[a-z]*://[^/]*||' -e 's|</loc>||' | head -n 50000 | sed 's/.*/"&",/'
  echo "}"
  echo 'n = 0'
  echo 'request = function() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end'
} > "$lua"
echo "-- $(grep -c '^"' "$lua") different offer pages in turn, each rendered (no cache hit on the first pass)"
wrk -t2 -c64 -d"$duration" --latency -s "$lua" "$base" | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors" || true

echo
echo "== Bytes each public page loads, brotli-compressed (scripts: at load / after the first interaction)"
printf '%-28s %10s %8s %10s %18s\n' page html css "js+wasm" "after interaction"
br_size() { curl -s -o /dev/null -H 'Accept-Encoding: br' -w '%{size_download}' "$base$1"; }
for path in "/" "/offres?q=m%C3%A9canicien&lieu=Lyon" "$offer" "$company" "/entreprises" "/faq"; do
  html=$(curl -s "$base$path")
  css=$(printf '%s' "$html" | grep -o 'href="/pkg/[^"]*\.css"' | head -n 1 | cut -d'"' -f2)
  js=$(printf '%s' "$html" | grep -o 'import("/pkg/[^"]*\.js")' | head -n 1 | cut -d'"' -f2 || true)
  wasm=$(printf '%s' "$html" | grep -o 'module_or_path:"/pkg/[^"]*\.wasm"' | head -n 1 | cut -d'"' -f2 || true)
  later=0
  [ -n "$js" ] && later=$(( $(br_size "$js") + $(br_size "$wasm") ))
  printf '%-28s %10s %8s %10s %18s\n' "${path:0:28}" "$(br_size "$path")" "$(br_size "$css")" 0 "$later"
done

echo
echo "== Server resident memory after the run: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
