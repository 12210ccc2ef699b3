#!/usr/bin/env bash
# Runs test/editors/neovim.test.lua in Debian's Neovim (headless) against this checkout's
# `soapnote lsp --stdio`. Needs a built checkout (`npm run build`). Prints `N passed, N failed`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! command -v nvim >/dev/null 2>&1; then
  echo "run-neovim: nvim is not installed (apt-get install neovim)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
cp "$repo/examples/conflicts/dvt-calf-effleurage.soap.yaml" "$repo/examples/conflicts/misspelled-terms.soap.yaml" "$workspace/"
mkdir "$workspace/.soapnote"
printf 'today: 2026-10-05\n' > "$workspace/.soapnote/config.yaml"
echo "neovim: $(nvim --version | head -1)"
# -u NONE: no user config, so only docs/editors/neovim.lua is in play. The timeout ends a hung editor.
SOAPNOTE_REPO="$repo" SOAPNOTE_WORKSPACE="$workspace" HOME="$workspace" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $repo/test/editors/neovim.test.lua"
