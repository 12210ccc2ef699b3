#!/usr/bin/env bash
# In-editor end-to-end tests, offline: code-server (VS Code 1.139 server + web workbench, Node extension
# host) on loopback, driven by playwright-core with Debian's chromium. See test/e2e/README.md.
#   (a) run-suite.js: the mocha suite out/test/e2e/suite/index.js inside the extension host
#   (b) ui.js:        UI checks + screenshots in test/e2e/screenshots/latest/ (ignored by git)
#   (c) run-suite.js with EXT_KIND=web: the bundled suite out/test/e2e/web/suite.js with the web extension
#       (the `browser` entry) in the browser's web worker extension host
# Usage (from anywhere; normally via `npm run test:e2e`, which bundles and compiles first):
#   bash test/e2e/run-e2e.sh
# Env knobs:
#   EXT_DIR     extension folder (default: repo root)       SUITE_PATH  suite entry (default: $EXT_DIR/out/test/e2e/suite/index.js)
#   WS_DIR      workspace to open (default: test/e2e/workspace, copied to a temp dir first)
#   RUN_SUITE=0 / RUN_UI=0 / RUN_WEB=0  skip a part      WEB_SUITE_PATH  (default: $EXT_DIR/out/test/e2e/web/suite.js)                     SHOTS_DIR   screenshots (default: test/e2e/screenshots/latest, ignored by git)
#   KEEP_RUN=1  keep the temp dir (server + extension host logs) even on success
#   SOAPNOTE_E2E_CACHE  tool cache (see install-tools.sh)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
EXT_DIR=$(cd "${EXT_DIR:-$REPO}" && pwd)
SUITE_PATH=${SUITE_PATH:-$EXT_DIR/out/test/e2e/suite/index.js}
WS_DIR=${WS_DIR:-$HERE/workspace}
SHOTS_DIR=${SHOTS_DIR:-$HERE/screenshots/latest}
RUN_SUITE=${RUN_SUITE:-1}
RUN_UI=${RUN_UI:-1}
RUN_WEB=${RUN_WEB:-1}
WEB_SUITE_PATH=${WEB_SUITE_PATH:-$EXT_DIR/out/test/e2e/web/suite.js}
CACHE=${SOAPNOTE_E2E_CACHE:-$HOME/.cache/soapnote-e2e}
T0=$(date +%s); say() { echo "[e2e +$(( $(date +%s) - T0 ))s] $*"; }

# ---- 1. tools (a no-op in well under a second when cached)
bash "$HERE/install-tools.sh"
# shellcheck disable=SC1091
source "$CACHE/tools.env"
if [ "$RUN_SUITE" = 1 ] && [ ! -f "$SUITE_PATH" ]; then
  echo "run-e2e: no compiled suite at $SUITE_PATH (run 'tsc -b' first)" >&2; exit 1
fi
if [ "$RUN_WEB" = 1 ] && [ ! -f "$WEB_SUITE_PATH" ]; then
  echo "run-e2e: no bundled web suite at $WEB_SUITE_PATH (run 'node test/e2e/web/bundle.mjs' first)" >&2; exit 1
fi
main=$(node -p "require('$EXT_DIR/package.json').main || ''")
if [ -n "$main" ] && [ ! -f "$EXT_DIR/$main" ]; then
  echo "run-e2e: warning: the extension's main $EXT_DIR/$main does not exist (run 'npm run bundle' first)" >&2
fi

# ---- 2. fresh profile, a copy of the workspace, a free loopback port
RUN=$(mktemp -d "${TMPDIR:-/tmp}/soapnote-e2e.XXXXXX")
mkdir -p "$RUN/ud/User" "$RUN/exts"
cp -R "$WS_DIR" "$RUN/workspace"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true, "telemetry.telemetryLevel": "off", "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true, "workbench.tips.enabled": false, "update.mode": "none", "git.enabled": false,
  "workbench.enableExperiments": false, "editor.autoIndent": "none", "files.hotExit": "off",
  "workbench.editor.enablePreview": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden", "editor.stickyScroll.enabled": false, "editor.minimap.enabled": false,
  "editor.wordBasedSuggestions": "off" }
JSON
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
CS_URL=http://127.0.0.1:$PORT

# ---- 3. code-server in its own process group (it spawns the extension host, language server, pty host...)
CS_FLAGS=(--config /dev/null --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts"
          --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override
          --ignore-last-opened --vscode-option enable-smoke-test-driver)   # without the last, `payload` is ignored
say "starting code-server on $CS_URL (logs: $RUN)"
PATH="$E2E_NODE_BIN:$PATH" setsid "$E2E_CODE_SERVER" "${CS_FLAGS[@]}" > "$RUN/server.log" 2>&1 < /dev/null &
CS_PID=$!
rc=0
cleanup() {
  kill -- -"$CS_PID" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- -"$CS_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 -- -"$CS_PID" 2>/dev/null || true
  if [ "$rc" = 0 ] && [ "${KEEP_RUN:-0}" != 1 ]; then rm -rf "$RUN"; else echo "[e2e] logs kept in $RUN (server.log, ud/logs/)"; fi
}
trap cleanup EXIT
trap 'rc=130; exit 130' INT TERM
for _ in $(seq 1 300); do curl -sf -o /dev/null "$CS_URL/healthz" && break; kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
if ! curl -sf -o /dev/null "$CS_URL/healthz"; then rc=1; echo "run-e2e: code-server did not start" >&2; cat "$RUN/server.log" >&2; exit 1; fi
say "code-server up"

# ---- 4. (a) the mocha suite inside the extension host
if [ "$RUN_SUITE" = 1 ]; then
  NODE_PATH=$E2E_NODE_PATH CHROMIUM=$E2E_CHROMIUM CS_URL=$CS_URL EXT_DEV_PATH=$EXT_DIR EXT_TESTS_PATH=$SUITE_PATH WS_FOLDER=$RUN/workspace SHOT=$RUN/suite-end.png \
    "$E2E_NODE_BIN/node" "$HERE/run-suite.js" || rc=1
  say "extension-host suite done (rc=$rc)"
  # The Node server writes V8's code cache to the extension's global storage (client/src/languageClient.ts,
  # server/src/node/codeCache.ts): its next start skips compiling the bundle.
  cached=$(find "$RUN" -path '*globalStorage/soapnote.soapnote/code-cache/server-*.v8cache' 2>/dev/null | head -1)
  if [ -n "$cached" ]; then echo "1 passed, 0 failed (the server's code cache is in global storage: ${cached#"$RUN"/})"
  else rc=1; echo "0 passed, 1 failed (no server code cache under $RUN: see the extension host log)"; fi
fi
# ---- 5. (b) UI checks with screenshots (a new window: a fresh extension host with the same extension)
if [ "$RUN_UI" = 1 ]; then
  NODE_PATH=$E2E_NODE_PATH CHROMIUM=$E2E_CHROMIUM CS_URL=$CS_URL EXT_DEV_PATH=$EXT_DIR WS_FOLDER=$RUN/workspace SHOTS_DIR=$SHOTS_DIR \
    "$E2E_NODE_BIN/node" "$HERE/ui.js" || rc=1
  say "UI checks done (rc=$rc)"
fi
# ---- 6. (c) the web extension in the browser's web worker extension host (a new window)
if [ "$RUN_WEB" = 1 ]; then
  # The workbench ignores the `extensionDevelopmentKind` payload entry in the browser (it reads a property
  # the web environment service does not have), so the user setting `remote.extensionKind` moves the
  # extension to the web worker host. Windows read it when they open: the earlier ones are closed.
  node -e 'const f=process.argv[1],s=JSON.parse(require("fs").readFileSync(f,"utf8"));s["remote.extensionKind"]={"soapnote.soapnote":["web"]};require("fs").writeFileSync(f,JSON.stringify(s))' "$RUN/ud/User/settings.json"
  NODE_PATH=$E2E_NODE_PATH CHROMIUM=$E2E_CHROMIUM CS_URL=$CS_URL EXT_DEV_PATH=$EXT_DIR EXT_TESTS_PATH=$WEB_SUITE_PATH EXT_KIND=web WS_FOLDER=$RUN/workspace SHOT=$RUN/web-suite-end.png \
    "$E2E_NODE_BIN/node" "$HERE/run-suite.js" || rc=1
  say "web worker extension-host suite done (rc=$rc)"
fi
exit $rc
