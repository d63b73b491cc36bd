/** Runs every test/fixtures/diagnostics/**\/*.yaml against the core and compares with its inline annotations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, isKustomizationFile, normalizePath, patchTargetKind, planPatches, WorkspaceIndex, type AnalyzeOptions, type Settings } from '../../server/src/core';
import { actualsOf, compare, readExpectations } from '../support/annotations';
import { FIXTURES } from '../support/paths';

const root = join(FIXTURES, 'diagnostics');

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/**
 * A fixture may carry settings in a first-line comment: `# settings: {"kubernetesVersion": "1.30"}`.
 * A folder's files are checked together, so cross-file references resolve inside one folder only
 * when the folder name ends in `.workspace`. There, kustomization files say which files are
 * Kustomize patches (checked as patches), and their inline patches are checked in place.
 */
function settingsOf(text: string): Settings | undefined {
  const m = /^# settings: (\{.*\})\s*$/m.exec(text);
  return m ? (JSON.parse(m[1]) as Settings) : undefined;
}

for (const file of walk(root)) {
  const name = relative(root, file);
  test(`diagnostics: ${name}`, () => {
    const text = readFileSync(file, 'utf8');
    const index = new WorkspaceIndex();
    const dir = join(file, '..');
    const workspace = dir.endsWith('.workspace') ? walk(dir) : [];
    const plan = planPatches(workspace.filter((f) => isKustomizationFile(f)).map((f) => ({ path: f, text: readFileSync(f, 'utf8') })));
    const options = (f: string): AnalyzeOptions => {
      const uses = plan.files.get(normalizePath(f));
      return { uri: f, index, settings: settingsOf(text), patch: uses !== undefined, patchTarget: uses && patchTargetKind(uses), kustomization: isKustomizationFile(f) };
    };
    for (const other of workspace) if (other !== file) analyze(readFileSync(other, 'utf8'), options(other));
    const a = analyze(text, options(file));
    const report = compare(readExpectations(text), actualsOf(text, a.findings));
    assert.equal(report, '', `${name}\n${report}`);
  });
}
