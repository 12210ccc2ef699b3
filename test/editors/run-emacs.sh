#!/usr/bin/env bash
# Runs test/editors/eglot.test.el in Debian's Emacs (batch) with eglot against this checkout's
# `soapnote lsp --stdio`. Needs a built checkout (`npm run build`). Prints `N passed, N failed`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! command -v emacs >/dev/null 2>&1; then
  echo "run-emacs: emacs is not installed (apt-get install emacs-nox elpa-eglot)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
cp "$repo/examples/conflicts/misspelled-terms.soap.yaml" "$workspace/"
mkdir "$workspace/.soapnote"
printf 'today: 2026-10-05\n' > "$workspace/.soapnote/config.yaml"
echo "emacs: $(emacs --version | head -1)"
# Debian's elpa-eglot lives in site-lisp; -Q skips user init but not the site start files that add it.
SOAPNOTE_REPO="$repo" SOAPNOTE_WORKSPACE="$workspace" HOME="$workspace" \
  timeout 120 emacs --batch --no-init-file --no-site-file \
  --eval "(progn (package-initialize) (dolist (d (file-expand-wildcards \"/usr/share/emacs/site-lisp/elpa/*\")) (add-to-list 'load-path d)))" \
  -l "$repo/test/editors/eglot.test.el"
