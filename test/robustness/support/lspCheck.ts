/**
 * The language server on one damaged document, over the LSP test harness (test/lsp/support): the
 * document is opened, every feature the server offers is asked for at a few places, an edit is
 * sent as a ranged change, and the document is closed. Every request must be answered, within a
 * bound, and every position that comes back must lie inside the document.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../../server/src/core';
import { LspClient } from '../../lsp/support/lspClient';
import { probeOffsets } from './coreCheck';

/** No request may take longer than this (generous: CI machines are shared and slow). */
export const REQUEST_BOUND_MS = 5000;

/** The text as the server holds it: JSON-RPC carries UTF-8, where a lone surrogate becomes U+FFFD. */
export function asTransported(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Every `{line, character}` inside `value` must be a position of `text` (LSP: UTF-16 columns). */
export function positionProblems(value: unknown, text: string, where: string): string[] {
  const lines = new LineIndex(text);
  const out: string[] = [];
  const stack: { v: unknown; path: string }[] = [{ v: value, path: where }];
  const seen = new Set<unknown>();
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.character === 'number') {
      const { line, character } = o as { line: number; character: number };
      const ok = Number.isInteger(line) && Number.isInteger(character) && line >= 0 && line < lines.lineCount && character >= 0 && character <= lines.lineText(line).length;
      if (!ok) out.push(`${path}: position ${line}:${character} outside the document (${lines.lineCount} lines)`);
    }
    if (o.start && o.end && typeof o.start === 'object' && typeof o.end === 'object') {
      const s = o.start as { line: number; character: number };
      const e = o.end as { line: number; character: number };
      if (s.line > e.line || (s.line === e.line && s.character > e.character)) out.push(`${path}: range ends before it starts`);
    }
    for (const [k, c] of Object.entries(o)) if (typeof c === 'object' && c !== null) stack.push({ v: c, path: `${path}.${k}` });
  }
  return out;
}

/** The smallest ranged change that turns `before` into `after`. */
export function rangedChange(before: string, after: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  // Never split a CRLF or a surrogate pair: LSP positions cannot point between their halves.
  while (s > 0 && (before.charCodeAt(s - 1) === 13 || (before.charCodeAt(s - 1) & 0xfc00) === 0xd800)) s--;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  while (e > 0 && ((before.charCodeAt(before.length - e) & 0xfc00) === 0xdc00 || before.charCodeAt(before.length - e) === 10)) e--;
  const lines = new LineIndex(before);
  return { range: { start: lines.positionAt(s), end: lines.positionAt(before.length - e) }, text: after.slice(s, after.length - e) };
}

export interface Exercise {
  readonly problems: string[];
  /** Milliseconds per request method, every call. */
  readonly latencies: Map<string, number[]>;
}

/** Opens `text` as `uri`, asks for everything, edits it to `edited`, asks again, closes it. */
export async function exercise(client: LspClient, uri: string, text: string, edited: string): Promise<Exercise> {
  const problems: string[] = [];
  const latencies = new Map<string, number[]>();
  const ask = async (method: string, params: unknown, doc: string): Promise<void> => {
    const started = performance.now();
    try {
      const result = await client.request<unknown>(method, params, REQUEST_BOUND_MS * 2);
      const ms = performance.now() - started;
      latencies.set(method, [...(latencies.get(method) ?? []), ms]);
      if (ms > REQUEST_BOUND_MS) problems.push(`${method} took ${Math.round(ms)} ms`);
      problems.push(...positionProblems(result, doc, method));
    } catch (e) {
      // An error response is an answer (prepareRename refuses a Service that way); an internal
      // error is a handler that threw, and a timeout is no answer at all.
      if (e instanceof ResponseError && e.code !== ErrorCodes.InternalError) return;
      problems.push(`${method} was not answered: ${(e as Error).message.split('\n')[0]}`);
    }
  };
  const askAll = async (doc: string): Promise<void> => {
    const lines = new LineIndex(doc);
    const textDocument = { uri };
    const whole = { start: { line: 0, character: 0 }, end: lines.positionAt(doc.length) };
    await ask('textDocument/documentSymbol', { textDocument }, doc);
    await ask('textDocument/inlayHint', { textDocument, range: whole }, doc);
    await ask('textDocument/codeLens', { textDocument }, doc);
    await ask('statefulset/identities', { textDocument }, doc);
    for (const o of probeOffsets(doc, 6)) {
      const position = lines.positionAt(o);
      await ask('textDocument/hover', { textDocument, position }, doc);
      await ask('textDocument/completion', { textDocument, position }, doc);
      await ask('textDocument/definition', { textDocument, position }, doc);
      await ask('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }, doc);
      await ask('textDocument/prepareRename', { textDocument, position }, doc);
    }
  };
  const diagnosticsOf = async (version: number, doc: string): Promise<unknown[]> => {
    try {
      const published = await client.nextDiagnostics(uri, { version, timeout: REQUEST_BOUND_MS * 2 });
      problems.push(...positionProblems(published.diagnostics, doc, 'publishDiagnostics'));
      return published.diagnostics;
    } catch (e) {
      problems.push(`no diagnostics for version ${version}: ${(e as Error).message.split('\n')[0]}`);
      return [];
    }
  };
  const first = asTransported(text);
  await client.open(uri, text);
  const diagnostics = await diagnosticsOf(1, first);
  await askAll(first);
  await ask('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: new LineIndex(first).positionAt(first.length) }, context: { diagnostics } }, first);
  const second = asTransported(edited);
  const version = await client.change(uri, [rangedChange(first, second)]);
  await diagnosticsOf(version, second);
  await askAll(second);
  await client.close(uri);
  if (client.hasExited) problems.push(`the server exited: ${client.stderr.slice(-500)}`);
  return { problems, latencies };
}
