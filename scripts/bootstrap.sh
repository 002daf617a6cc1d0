#!/usr/bin/env bash
# Installs, only when missing and at pinned versions, every tool the build and
# the tests need: the wasm32 target and the standard library's source,
# cargo-leptos, wasm-bindgen-cli, the npm tools (binaryen's wasm-opt,
# Playwright, validators) and Debian's Chromium.
# Safe to run again: each step checks first.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml

root=$(cd "$(dirname "$0")/.." && pwd)
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$cargo_bin:$PATH"

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

# `cargo install --locked` of these versions fails on rustc 1.95 because their
# lock files pin a dependency that needs a newer compiler. Install from a copy
# of the crate's source with that one entry lowered (see DESIGN.md).
install_with_lowered_lock() {
  local crate=$1 version=$2 bin=$3 lower_pkg=$4 lower_to=$5
  if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -q "$version"; then
    return
  fi
  log "installing $crate $version (once per machine, long)"
  local work
  work=$(mktemp -d)
  (cd "$work" && cargo new --quiet fetcher && cd fetcher \
    && cargo add --quiet "$crate@=$version" && cargo fetch --quiet) 
  local src
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version" | head -n 1)
  cp -r "$src" "$work/src-copy"
  (cd "$work/src-copy" \
    && cargo update --quiet -p "$lower_pkg" --precise "$lower_to" \
    && cargo install --quiet --path . --locked --root "${CARGO_HOME:-$HOME/.cargo}")
  rm -rf "$work"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The islands' build compiles the standard library for size (Makefile, `build`).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "adding the rust-src component"
  rustup component add rust-src
fi

install_with_lowered_lock cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-leptos cargo-util-schemas 0.14.1
install_with_lowered_lock wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen webpki-roots 1.0.10

if [ ! -x "$root/node_modules/.bin/wasm-opt" ] || [ ! -d "$root/node_modules/@playwright/test" ]; then
  log "installing npm tools (package-lock.json)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian packages the test suite drives: Chromium (Playwright), xmllint
# (sitemap XSD validation), a Java runtime (the Nu HTML Checker), wrk and
# brotli (the HTTP benchmark and its precompressed static copy), aiosmtpd (the SMTP server the email tests send to),
# faketime (the domain suite again a year ahead, `make test-clock`),
# valgrind (`make bench-instructions` counts a render's instructions).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v wrk >/dev/null || missing+=(wrk)
command -v brotli >/dev/null || missing+=(brotli)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
command -v faketime >/dev/null || missing+=(faketime)
command -v valgrind >/dev/null || missing+=(valgrind)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
log "tools ready"
