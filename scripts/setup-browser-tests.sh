#!/usr/bin/env bash
# Install what the browser tests need, idempotently:
#   - first a check that Node.js is new enough: the version engines.node in tests/browser/package.json
#     asks for, the one place that states it (the README names the same version);
#   - Debian's chromium (/usr/bin/chromium) and graphviz (`dot`), via apt, only if missing;
#   - tests/browser/node_modules (playwright-core + mermaid), via `npm ci`, only if missing or
#     older than tests/browser/package-lock.json.
# Nothing downloads a browser of its own: playwright-core drives Debian's chromium.
# Fast (well under a second) when everything is already installed.
#
#   scripts/setup-browser-tests.sh                # check Node.js, then install what is missing
#   scripts/setup-browser-tests.sh --check-node   # only check Node.js and npm, install nothing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_DIR="$ROOT/tests/browser"
STAMP="$BROWSER_DIR/node_modules/.journeykit-npm-ci"

LOG="$(mktemp "${TMPDIR:-/tmp}/setup-browser-tests.XXXXXX")"
trap 'rm -f "$LOG"' EXIT

say() { echo "setup-browser-tests: $*"; }
die() { echo "setup-browser-tests: ERROR: $*" >&2; exit 1; }
# run CMD... quietly; on failure show the tail of its output and stop with MESSAGE.
quiet() {
    local message=$1; shift
    if ! "$@" >"$LOG" 2>&1; then
        tail -n 40 "$LOG" >&2
        die "$message"
    fi
}

# --- Node.js and npm -------------------------------------------------------------------------
# Checked first: without them nothing below helps, and nobody should need root to find that out.

# The major version engines.node asks for; package.json states it as ">=N".
node_required() {
    local spec re='^>=[[:space:]]*([0-9]+)$'
    spec=$(sed -n 's/^[[:space:]]*"node"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$BROWSER_DIR/package.json")
    [[ $spec =~ $re ]] || die "cannot read engines.node (\">=N\") from $BROWSER_DIR/package.json (found '$spec')"
    echo "${BASH_REMATCH[1]}"
}

NODE_NEEDED=$(node_required) || exit 1
NEED="the browser tests need Node.js $NODE_NEEDED or newer (engines.node in tests/browser/package.json)"
command -v node >/dev/null 2>&1 || die "node not found on PATH: $NEED"
node_version=$(node --version 2>/dev/null || true)
[[ $node_version =~ ^v([0-9]+)\. ]] || die "'node --version' said '$node_version', not a version: $NEED"
((BASH_REMATCH[1] >= NODE_NEEDED)) || die "Node.js $node_version is too old: $NEED"
command -v npm >/dev/null 2>&1 || die "npm not found on PATH (it comes with Node.js): $NEED"
if [[ ${1:-} == --check-node ]]; then
    say "Node.js $node_version and npm are fine (tests/browser/package.json asks for $NODE_NEEDED or newer)"
    exit 0
fi

# --- system packages -------------------------------------------------------------------------
apt_packages=()
[[ -x /usr/bin/chromium ]] || apt_packages+=(chromium fonts-dejavu-core)
command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)

if ((${#apt_packages[@]})); then
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${apt_packages[*]}"
        SUDO=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${apt_packages[*]} by hand"
    say "apt-get update"
    quiet "apt-get update failed" "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    say "apt-get install ${apt_packages[*]}"
    quiet "apt-get install ${apt_packages[*]} failed" \
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${apt_packages[@]}"
    [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium still missing after apt-get install"
    command -v dot >/dev/null 2>&1 || die "dot still missing after apt-get install graphviz"
else
    say "chromium and graphviz already installed"
fi

# --- npm packages ----------------------------------------------------------------------------
[[ -f "$BROWSER_DIR/package-lock.json" ]] || die "$BROWSER_DIR/package-lock.json is missing"

if [[ ! -f "$STAMP" || "$BROWSER_DIR/package-lock.json" -nt "$STAMP" || "$BROWSER_DIR/package.json" -nt "$STAMP" \
      || ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" \
      || ! -f "$BROWSER_DIR/node_modules/mermaid/dist/mermaid.min.js" ]]; then
    say "npm ci in tests/browser"
    # mermaid's own package.json may ask for a newer Node.js than ours, for its Node-side
    # tooling; we only load its browser bundle into chromium, so npm's engine warning does not
    # apply here (--loglevel=error).
    (cd "$BROWSER_DIR" && quiet "npm ci in $BROWSER_DIR failed" npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
    touch "$STAMP"
else
    say "tests/browser/node_modules up to date"
fi
