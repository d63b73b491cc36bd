;;; check.el --- Drives eglot the way a user's init does, for test/editors/emacs.test.ts  -*- lexical-binding: t -*-

;; Run: STS_PLAN=plan.json emacs --batch -Q -l check.el
;; The plan names the init file to load (the docs' snippet), the file to visit, the positions to
;; ask about and where to write the JSON result.  Eglot reports diagnostics through Flymake and
;; hovers through ElDoc; the result keeps what those got, each Flymake diagnostic with the LSP
;; diagnostic eglot made it from.

(require 'json)
(require 'subr-x)

(defvar sts-plan
  (with-temp-buffer
    (insert-file-contents (getenv "STS_PLAN"))
    (json-parse-buffer :object-type 'plist :array-type 'list)))

(defvar sts-result (list :emacs emacs-version))

(defvar sts-publishes 0 "publishDiagnostics notifications handled so far.")

(defvar sts-problems nil "Errors and warnings the server logged or showed, and failed replies.")

(defun sts-put (key value)
  (setq sts-result (plist-put sts-result key value)))

(defun sts-wait-for (what condition)
  "Process events until CONDITION holds; fail after the plan's timeout."
  (let ((deadline (+ (float-time) (/ (plist-get sts-plan :timeoutMs) 1000.0))))
    (while (not (funcall condition))
      (when (> (float-time) deadline)
        (error "Timed out after %d ms waiting for %s" (plist-get sts-plan :timeoutMs) what))
      (accept-process-output nil 0.01))))

(defun sts-point (position)
  "The buffer position of an LSP POSITION (a plist of :line and :character, UTF-16)."
  (eglot--lsp-position-to-point position))

(defun sts-place (pos)
  "POS as a 0-based line and a column in characters, what Emacs counts."
  (save-excursion
    (goto-char pos)
    (list :line (1- (line-number-at-pos)) :column (- pos (line-beginning-position)))))

(defun sts-diagnostics ()
  "What Flymake holds for the buffer, in buffer order."
  (vconcat
   (mapcar (lambda (d)
             (let ((lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
               (list :code (plist-get lsp :code)
                     :type (symbol-name (flymake-diagnostic-type d))
                     :start (sts-place (flymake-diagnostic-beg d))
                     :end (sts-place (flymake-diagnostic-end d))
                     :lsp lsp)))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun sts-codes ()
  (mapcar (lambda (d) (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code))
          (flymake-diagnostics)))

(defun sts-run ()
  ;; An interactive Emacs activates the installed packages (Debian's elpa-* ones among them) at
  ;; start-up; --batch does not.
  (package-activate-all)
  (load (plist-get sts-plan :init) nil t)
  (advice-add 'eglot-handle-notification :after
              (lambda (_server method &rest params)
                (pcase method
                  ('textDocument/publishDiagnostics (setq sts-publishes (1+ sts-publishes)))
                  ((or 'window/logMessage 'window/showMessage)
                   (when (<= (plist-get params :type) 2) (push (plist-get params :message) sts-problems))))))
  (find-file (plist-get sts-plan :file))
  (sts-put :mode (symbol-name major-mode))
  ;; eglot-ensure connects after the command that visited the file; there is no command loop here.
  (run-hooks 'post-command-hook)
  (sts-wait-for "eglot to manage the buffer" (lambda () (bound-and-true-p eglot--managed-mode)))
  (let ((server (eglot-current-server)))
    (sts-put :server (list :root (expand-file-name (project-root (eglot--project server)))
                           :name (plist-get (eglot--server-info server) :name)))
    (sts-wait-for (format "diagnostics with %s" (plist-get sts-plan :waitFor))
                  (lambda () (seq-every-p (lambda (c) (member c (sts-codes))) (plist-get sts-plan :waitFor))))
    (sts-put :diagnostics (sts-diagnostics))

    (goto-char (sts-point (plist-get sts-plan :hover)))
    (let (hover)
      (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info :none))))
      (sts-wait-for "a hover" (lambda () hover))
      (sts-put :hover (if (stringp hover) (substring-no-properties hover) :null)))

    (goto-char (sts-point (plist-get sts-plan :completion)))
    (let* ((capf (eglot-completion-at-point))
           (candidates (all-completions "" (nth 2 capf))))
      (sts-put :completion
               (vconcat (mapcar (lambda (c) (list :candidate (substring-no-properties c)
                                                  :lsp (get-text-property 0 'eglot--lsp-item c)))
                                candidates))))

    (goto-char (sts-point (plist-get sts-plan :definition)))
    (sts-put :definition
             (vconcat (mapcar (lambda (item)
                                (let ((loc (xref-item-location item)))
                                  (list :file (xref-location-group loc)
                                        :line (xref-location-line loc)
                                        :column (xref-file-location-column loc))))
                              (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))))

    ;; As docs/editors.md says: change the configuration, then signal it.
    (setq-default eglot-workspace-configuration (plist-get sts-plan :settings))
    (let ((before sts-publishes))
      (eglot-signal-didChangeConfiguration server)
      (sts-wait-for "diagnostics after the settings change" (lambda () (> sts-publishes before))))
    (sts-put :diagnosticsAfterSettings (sts-diagnostics))

    ;; A request either side answered with an error; read before shutting down, which kills
    ;; the events buffer.
    (with-current-buffer (jsonrpc-events-buffer server)
      (goto-char (point-min))
      (while (re-search-forward "^\\[\\(?:client\\|server\\)-reply\\] (id:[0-9]+) ERROR.*\n.*$" nil t)
        (push (match-string 0) sts-problems)))
    (sts-put :problems (vconcat (reverse sts-problems)))
    (eglot-shutdown server)))
(let ((outcome (condition-case err (progn (sts-run) nil) (error err))))
  (when outcome (sts-put :error (error-message-string outcome)))
  (with-temp-file (plist-get sts-plan :output)
    (insert (json-serialize sts-result)))
  (kill-emacs (if outcome 1 0)))
