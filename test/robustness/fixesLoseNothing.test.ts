/**
 * Every quick fix on every fixture (test/fixtures/**\/*.yaml), applied: the text still parses, the
 * finding is gone, no error appears on the text the fix wrote, and every line outside the edit is
 * what it was, comments included (support/coreCheck.ts, fixProblems). Files in a `.workspace`
 * folder are checked with their siblings indexed, as the editor sees them; a fixture's first-line
 * `# settings: {...}` applies. The fuzz tests hold fixes to the same rules on damaged files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, WorkspaceIndex, type Settings } from '../../server/src/core';
import { fixesFor } from '../../server/src/core/fixes';
import { FIXTURES } from '../support/paths';
import { fixProblems } from './support/coreCheck';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith('.yaml') ? [p] : [];
    });
}

function settingsOf(text: string): Settings | undefined {
  const m = /^# settings: (\{.*\})\s*$/m.exec(text);
  return m ? (JSON.parse(m[1]) as Settings) : undefined;
}

const files = walk(FIXTURES);
let fixesTried = 0;

for (const file of files) {
  const name = relative(FIXTURES, file);
  test(`fixes lose nothing: ${name}`, () => {
    const text = readFileSync(file, 'utf8');
    const settings = settingsOf(text);
    const uri = pathToFileURL(file).href;
    const others = dirname(file).endsWith('.workspace')
      ? walk(dirname(file))
          .filter((f) => f !== file)
          .map((f) => ({ uri: pathToFileURL(f).href, text: readFileSync(f, 'utf8') }))
      : [];
    const index = new WorkspaceIndex();
    for (const o of others) analyze(o.text, { uri: o.uri, index, settings });
    const analysis = analyze(text, { uri, index, settings });
    const problems: string[] = [];
    for (const finding of analysis.findings) {
      if (!finding.fix) continue;
      for (const fix of fixesFor(analysis, finding, (u) => others.find((o) => o.uri === u)?.text)) {
        fixesTried++;
        problems.push(...fixProblems(analysis, finding, fix, settings, others));
      }
    }
    assert.deepEqual(problems, [], `${name}:\n${problems.join('\n')}`);
  });
}

test('fixes lose nothing: fixes were tried', (t) => {
  t.diagnostic(`${fixesTried} quick fixes on ${files.length} fixtures`);
  assert.ok(fixesTried > 50, `only ${fixesTried} fixes on ${files.length} fixtures`);
});
