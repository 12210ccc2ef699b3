;;; eglot.test.el --- drive Emacs eglot against `soapnote lsp --stdio'  -*- lexical-binding: t; -*-
;; Run by test/editors/run-emacs.sh (batch Emacs), which sets SOAPNOTE_REPO and SOAPNOTE_WORKSPACE.
;; Loads docs/editors/soapnote-eglot.el as a user would, then checks diagnostics, completion,
;; hover and a quick fix. Prints `N passed, N failed' and exits non-zero on any failure.

(require 'cl-lib)
(defvar soapnote-test-passed 0)
(defvar soapnote-test-failed 0)
(defun soapnote-test-check (name ok &optional detail)
  (if ok
      (progn (setq soapnote-test-passed (1+ soapnote-test-passed)) (princ (format "  ok - %s\n" name)))
    (setq soapnote-test-failed (1+ soapnote-test-failed))
    (princ (format "  not ok - %s%s\n" name (if detail (format ": %s" detail) "")))))

(defun soapnote-test-wait (pred seconds)
  "Run the event loop until PRED is true or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(let* ((repo (getenv "SOAPNOTE_REPO"))
       (workspace (file-name-as-directory (getenv "SOAPNOTE_WORKSPACE"))))
  (condition-case err
      (progn
        (load (expand-file-name "docs/editors/soapnote-eglot.el" repo) nil t)
        (setq soapnote-eglot-command (list "node" (expand-file-name "bin/soapnote.js" repo) "lsp" "--stdio"))
        ;; A project for eglot without version control: the folder holding .soapnote/.
        (add-hook 'project-find-functions (lambda (_dir) (cons 'transient workspace)))
        (setq eglot-sync-connect t eglot-autoshutdown t)
        (find-file (expand-file-name "misspelled-terms.soap.yaml" workspace))
        (soapnote-test-check "the note opens in soapnote-mode" (eq major-mode 'soapnote-mode) major-mode)
        ;; eglot-ensure connects from post-command-hook; batch Emacs runs no commands, so run it.
        (run-hooks 'post-command-hook)
        (let ((server (soapnote-test-wait (lambda () (eglot-current-server)) 20)))
          (soapnote-test-check "eglot connects to the soapnote server" server)
          (when server
            (let ((diags (soapnote-test-wait
                          (lambda () (let ((d (flymake-diagnostics))) (and (>= (length d) 2) d))) 20)))
              (soapnote-test-check "two unknown-term warnings reach flymake"
                                   (= 2 (cl-count-if (lambda (d) (string-match-p "Unknown \\(technique\\|target\\)" (flymake-diagnostic-text d))) diags))
                                   (mapcar #'flymake-diagnostic-text diags)))
            (goto-char (point-min))
            (search-forward "technique: efleurage")
            (let* ((items (jsonrpc-request server :textDocument/completion (eglot--TextDocumentPositionParams)))
                   (list (if (vectorp items) items (plist-get items :items)))
                   (labels (mapcar (lambda (i) (plist-get i :label)) list)))
              (soapnote-test-check "completion offers effleurage" (member "effleurage" labels) (seq-take labels 5)))
            (goto-char (point-min))
            (search-forward "technique: petri")
            (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
                   (contents (plist-get hover :contents))
                   (text (if (stringp contents) contents (format "%s" (or (plist-get contents :value) contents)))))
              (soapnote-test-check "hover on petrissage explains it" (string-match-p "etrissage" text) text))
            (goto-char (point-min))
            (search-forward "technique: ")
            (let* ((start (eglot--pos-to-lsp-position (point)))
                   (end (eglot--pos-to-lsp-position (+ (point) (length "efleurage"))))
                   (actions (jsonrpc-request server :textDocument/codeAction
                                             (list :textDocument (eglot--TextDocumentIdentifier)
                                                   :range (list :start start :end end)
                                                   :context (list :diagnostics []))))
                   (fix (seq-find (lambda (a) (string-match-p "effleurage" (plist-get a :title))) actions)))
              (soapnote-test-check "a quick fix offers effleurage" fix (mapcar (lambda (a) (plist-get a :title)) actions))
              (when fix
                (eglot--apply-workspace-edit (plist-get fix :edit))
                ;; eglot sends the change from an idle timer, and batch Emacs is never idle: send it now.
                (eglot--signal-textDocument/didChange)
                (goto-char (point-min))
                (soapnote-test-check "the quick fix writes effleurage" (search-forward "technique: effleurage" nil t))
                (soapnote-test-check "after the fix one unknown-term warning is left"
                                     (soapnote-test-wait
                                      (lambda () (= 1 (cl-count-if (lambda (d) (string-match-p "Unknown" (flymake-diagnostic-text d))) (flymake-diagnostics))))
                                      20)))))))
    (error (soapnote-test-check "the Emacs script ran to the end" nil (error-message-string err)))))

(princ (format "%d passed, %d failed\n" soapnote-test-passed soapnote-test-failed))
(kill-emacs (if (and (= soapnote-test-failed 0) (> soapnote-test-passed 0)) 0 1))
