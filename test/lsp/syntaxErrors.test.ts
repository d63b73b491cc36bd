/**
 * Syntax errors over the bundled server: one diagnostic per broken construct, at the first place
 * that is wrong, saying what to do, and the rest of the file still checked. The case from the
 * issue: `Dark Modern` typed on a line of its own at the top of examples/mistakes.yaml, which used
 * to publish over a hundred "Unexpected scalar token" errors and nothing else.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const MISTAKES = readFileSync(join(ROOT, 'examples', 'mistakes.yaml'), 'utf8');

describe('syntax errors', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  const diagnose = async (name: string, text: string) => {
    const uri = memoryUri(name);
    await client.open(uri, text);
    return (await client.nextDiagnostics(uri, { version: 1 })).diagnostics;
  };

  test('a line with no key at the top: one error on it, and the file below still checked', async () => {
    const clean = (await diagnose('mistakes.yaml', MISTAKES)).map((d) => d.code).sort();
    const diagnostics = await diagnose('dark-modern.yaml', `Dark Modern\n${MISTAKES}`);
    const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.equal(syntax.length, 1, syntax.map((d) => String(d.message)).join('\n'));
    assert.deepEqual(syntax[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } });
    assert.match(String(syntax[0].message), /^A line with no key: `Dark Modern` .*Delete it, comment it out with #/);
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'yaml-syntax').map((d) => d.code).sort(), clean);
  });

  test('a line with no key inside a mapping, and a key without its colon', async () => {
    const text = MISTAKES.replace('  replicas: 3\n', '  replicas: 3\n  oops\n').replace('kind: StatefulSet', 'kind StatefulSet');
    const syntax = (await diagnose('stray.yaml', text)).filter((d) => d.code === 'yaml-syntax');
    assert.deepEqual(syntax.map((d) => String(d.message).slice(0, 32)), ['A line with no key: `kind Statef', 'A line with no key: `oops` is no']);
  });

  test('a line indented wrongly: one error at that line, not one per key after it', async () => {
    const text = MISTAKES.replace('  replicas: 3\n', ' replicas: 3\n');
    const syntax = (await diagnose('indent.yaml', text)).filter((d) => d.code === 'yaml-syntax');
    assert.equal(syntax.length, 1, syntax.map((d) => String(d.message)).join('\n'));
    assert.equal(syntax[0].range.start.line, text.slice(0, text.indexOf(' replicas: 3')).split('\n').length - 1);
    assert.match(String(syntax[0].message), /indent it like the keys beside it/);
  });

  test('never more than three syntax errors in one document', async () => {
    const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  annotations:\n${Array.from({ length: 40 }, (_, i) => `    k${i}: "v${i}\n     x${i}: [\n`).join('')}`;
    const syntax = (await diagnose('many.yaml', text)).filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length >= 1 && syntax.length <= 3, `${syntax.length} syntax errors`);
  });
});
