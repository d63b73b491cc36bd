/**
 * The preview's HTML page. The Content-Security-Policy lives here and nowhere else: no inline
 * style, no inline script but ours (by nonce), nothing loaded from anywhere but the extension's
 * own files. The page is a fixed shell; every value from a document arrives later by postMessage
 * and is written with textContent by webview/main.ts.
 *
 * No vscode import, so the browser tests build the very same page.
 */
import { randomBytes } from 'node:crypto';

export interface PageParts {
  /** `webview.cspSource`: the origin the webview loads extension files from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `asWebviewUri` of dist/preview.js and media/preview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'`;
}

/** 128 random bits, base64: the value a nonce needs to be unguessable. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** The URIs and nonce are ours, not a document's, but an attribute is still no place for a raw quote. */
function attr(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

export function previewHtml(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>StatefulSet Preview</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="status">Loading the StatefulSet model…</p></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}
