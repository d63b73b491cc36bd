// The editor mode: after each keystroke, what VS Code and this extension send, and the time until
// all of it is answered. Not replayed from a recorded trace: built from what the client code
// sends (vscode-languageclient 11 with VS Code's capabilities, client/src), as listed below.
//
// VS Code with the extension, on a one-character edit in an editor showing the preview:
//   - textDocument/didChange, then textDocument/diagnostic (the client pulls: VS Code declares pull
//     diagnostics with refresh support, so the server answers pulls instead of pushing);
//   - textDocument/documentSymbol (outline, breadcrumbs, sticky scroll), textDocument/codeLens,
//     textDocument/inlayHint for the visible lines, textDocument/codeAction at the cursor
//     (the light bulb). VS Code debounces these; the bench sends them at once, the worst case.
//     Completion is not sent: quick suggestions are off in YAML values (strings) by default;
//   - the extension's own, once the server's statefulset/identitiesChanged arrives: 'after' (this
//     client) asks nothing for the status bar (the count comes with the notification) and
//     `statefulset/identities` for the one StatefulSet the preview shows; 'before' (the client
//     before issue 17) asks `statefulset/identities` for the whole file twice, status bar and preview.
import { CAPABILITIES, threadTimes } from './lsp.mjs';

/** What vscode-languageclient 11 declares that changes what our server does (pull diagnostics). */
export const EDITOR_CAPABILITIES = {
  ...CAPABILITIES,
  workspace: {
    ...CAPABILITIES.workspace,
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    ...CAPABILITIES.textDocument,
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    codeLens: { dynamicRegistration: true },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: [] } },
  },
};

/** Lines an editor shows around the cursor: what VS Code asks inlay hints for. */
const VISIBLE_LINES = 50;

/**
 * One keystroke as the editor sends it. Resolves with the time from didChange to the pulled
 * diagnostics, the time until every answer is in, the server's main-thread CPU meanwhile, and
 * the pulled report (for the final check).
 */
export async function editorKeystroke(server, uri, { range, text, cursor, previewIndex, traffic, previousResultId }) {
  const version = server.versions.get(uri) + 1;
  server.versions.set(uri, version);
  const doc = { uri };
  const before = threadTimes(server.pid);
  const t = performance.now();
  const changed = server.nextNotification('statefulset/identitiesChanged', (p) => p.uri === uri && p.version === version);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  const ask = (method, params) => server.withTimeout(server.connection.sendRequest(method, params), method);
  let diagnosticsAt = 0;
  const pulled = ask('textDocument/diagnostic', { textDocument: doc, identifier: 'statefulset', previousResultId }).then((r) => {
    diagnosticsAt = performance.now();
    return r;
  });
  const top = Math.max(0, cursor.line - VISIBLE_LINES / 2);
  const editorAsks = [
    ask('textDocument/documentSymbol', { textDocument: doc }),
    ask('textDocument/codeLens', { textDocument: doc }),
    ask('textDocument/inlayHint', { textDocument: doc, range: { start: { line: top, character: 0 }, end: { line: top + VISIBLE_LINES, character: 0 } } }),
    ask('textDocument/codeAction', { textDocument: doc, range: { start: cursor, end: cursor }, context: { diagnostics: [], triggerKind: 2 } }),
  ];
  const extension = changed.then((p) => {
    if (traffic === 'before') return Promise.all([ask('statefulset/identities', { textDocument: doc }), ask('statefulset/identities', { textDocument: doc })]);
    const statusBar = p.summary ? [] : [ask('statefulset/identitiesSummary', { textDocument: doc })];
    return Promise.all([...statusBar, ask('statefulset/identities', { textDocument: doc, statefulSet: { index: previewIndex } })]);
  });
  const [report, answers, own] = await Promise.all([pulled, Promise.all(editorAsks), extension]);
  const all = performance.now();
  const after = threadTimes(server.pid);
  const bytes = JSON.stringify([report, answers, own]).length;
  return { diagnosticsMs: diagnosticsAt - t, allMs: all - t, cpu: after.run - before.run, wait: after.wait - before.wait, report, bytes };
}
