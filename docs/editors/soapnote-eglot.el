;;; soapnote-eglot.el --- soapnote notes in Emacs with eglot  -*- lexical-binding: t; -*-

;; Diagnostics, completion, hover and quick fixes from `soapnote lsp --stdio' for *.soap.yaml
;; and *.soap.yml files. Load it from your init file: (load "/path/to/soapnote-eglot.el").
;; Needs eglot (built in from Emacs 29; `M-x package-install eglot' before, or Debian's
;; elpa-eglot) and `soapnote' on PATH; set `soapnote-eglot-command' to use npx instead.
;; The project's CI loads exactly this file in Debian's Emacs 28 with elpa-eglot 1.9.

;;; Code:

(require 'eglot)

(defvar soapnote-eglot-command '("soapnote" "lsp" "--stdio")
  "The command that starts the soapnote language server.")

;; YAML highlighting where yaml-mode is installed, plain text otherwise.
(defalias 'soapnote--parent-mode (if (fboundp 'yaml-mode) 'yaml-mode 'text-mode))

(define-derived-mode soapnote-mode soapnote--parent-mode "SOAP"
  "Major mode for soapnote SOAP notes (*.soap.yaml).")

(add-to-list 'auto-mode-alist '("\\.soap\\.ya?ml\\'" . soapnote-mode))
(add-to-list 'eglot-server-programs
             `(soapnote-mode . ,(lambda (&rest _) soapnote-eglot-command)))
(add-hook 'soapnote-mode-hook #'eglot-ensure)

(provide 'soapnote-eglot)
;;; soapnote-eglot.el ends here
