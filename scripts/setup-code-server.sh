#!/usr/bin/env bash
# Installs, offline-friendly and idempotently, what the in-VS-Code tests and `npm start` need:
# code-server 4.100.3 (VS Code 1.100.3 web workbench + a remote Node extension host) and mocha for
# its extension host, into a git-ignored cache folder; Debian's chromium, ripgrep and the
# native-build packages through apt when they are missing.
#
# Why by hand: code-server's postinstall downloads ripgrep from GitHub and prebuilt binaries, which
# this network does not allow, so we run it with --ignore-scripts and redo its steps offline.
#
# Usage: scripts/setup-code-server.sh [DIR]   (default: $CKDEV_CODE_SERVER_DIR or .cache/code-server)
# Env:   SKIP_APT=1 never touches apt.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${1:-${CKDEV_CODE_SERVER_DIR:-$ROOT/.cache/code-server}}"
CS_VERSION=4.100.3
T0=$(date +%s)
step() { echo "[setup-code-server +$(( $(date +%s) - T0 ))s] $*"; }

if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "code-server $CS_VERSION needs Node 20 (found $(node -v))" >&2; exit 1
fi

if [ "${SKIP_APT:-0}" != 1 ]; then
  need=()
  for p in libkrb5-dev ripgrep chromium build-essential python3; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    step "apt-get install ${need[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# node-gyp must build against the headers shipped with node instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ]; then
  NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
  [ -f "$NODE_PREFIX/include/node/node.h" ] && export npm_config_nodedir="$NODE_PREFIX"
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "name": "ckdev-code-server", "private": true }' > package.json

if [ "$(node -p 'try{require("./node_modules/code-server/package.json").version}catch{""}')" != "$CS_VERSION" ] \
   || [ ! -d node_modules/mocha ]; then
  step "npm install code-server@$CS_VERSION mocha@10 (no install scripts)"
  npm install --no-save --ignore-scripts --loglevel=error "code-server@$CS_VERSION" mocha@10 >/dev/null
fi

VS="$DIR/node_modules/code-server/lib/vscode"
if [ ! -f "$VS/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] || [ ! -e "$VS/node_modules/@vscode/ripgrep/bin/rg" ]; then
  step "lib/vscode: npm install --omit=dev --ignore-scripts"
  (cd "$VS" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null)
  # @vscode/ripgrep's postinstall would download rg; Debian's rg takes its place.
  mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
  step "lib/vscode: npm rebuild (native modules through node-gyp)"
  (cd "$VS" && npm_config_yes=true npm rebuild --loglevel=error >/dev/null)
fi
[ -L "$VS/node_modules.asar" ] || { rm -rf "$VS/node_modules.asar"; ln -s node_modules "$VS/node_modules.asar"; }
ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
if [ ! -f "$VS/extensions/node_modules/typescript/package.json" ]; then
  step "lib/vscode/extensions: npm install"
  (cd "$VS/extensions" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null && node postinstall.mjs >/dev/null)
fi
if ! find "$DIR/node_modules/argon2" -name argon2.node 2>/dev/null | grep -q .; then
  step "npm rebuild argon2"
  npm_config_yes=true npm rebuild argon2 --loglevel=error >/dev/null
fi

V=$(node "$DIR/node_modules/code-server/out/node/entry.js" --version)
echo "$V" | grep -q "^$CS_VERSION " || { echo "unexpected code-server version: $V" >&2; exit 1; }
test -x /usr/bin/chromium || { echo "/usr/bin/chromium is missing" >&2; exit 1; }
step "ready: code-server $CS_VERSION in $DIR"
