/** Runs every test/fixtures/diagnostics/**\/*.yaml against the core and compares with its inline annotations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { analyze, baseSetOf, checkOverlay, type Finding, isKustomizationFile, normalizePath, objectsOfText, patchTargetKind, planPatches, resolveSettings, WorkspaceIndex, type AnalyzeOptions, type BaseSet, type Settings } from '../../server/src/core';
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
 * when the folder name ends in `.workspace` (its subfolders included). There, kustomization files say which files are
 * Kustomize patches (checked as patches), and their inline patches are checked in place.
 */
function settingsOf(text: string): Settings | undefined {
  const m = /^# settings: (\{.*\})\s*$/m.exec(text);
  return m ? (JSON.parse(m[1]) as Settings) : undefined;
}

/**
 * `# base: NAME.base` on a line of its own: what is deployed, as the version of this same file
 * at HEAD (the `base` rules compare with it). Base files end in `.base`, so they are no fixtures.
 */
function baseOf(text: string, file: string): BaseSet | undefined {
  const m = /^# base: (\S+)\s*$/m.exec(text);
  if (!m) return undefined;
  const source = basename(file);
  const objects = objectsOfText(source, readFileSync(join(file, '..', m[1]), 'utf8'));
  return baseSetOf('HEAD', objects, resolveSettings(settingsOf(text)).defaultNamespace, new Map([[source, { uri: file, deleted: false }]]));
}

/** The files indexed with `file`: those of the nearest folder above it whose name ends in `.workspace`. */
function workspaceOf(file: string): string[] {
  for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) if (dir.endsWith('.workspace')) return walk(dir);
  return [];
}

/** The overlay findings placed in `file`, of every kustomization in its `.workspace` folder. */
function overlayFindings(workspace: readonly string[], file: string, settings: Settings | undefined): Finding[] {
  const read = (p: string): string | undefined => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined);
  const sha256 = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');
  const out: Finding[] = [];
  for (const k of workspace.filter((f) => isKustomizationFile(f))) {
    const check = checkOverlay(dirname(k), read, { settings, label: relative(root, dirname(k)), sha256 });
    for (const placed of check?.findings ?? []) if (placed.file === file) out.push(placed.finding);
  }
  return out;
}

for (const file of walk(root)) {
  const name = relative(root, file);
  test(`diagnostics: ${name}`, () => {
    const text = readFileSync(file, 'utf8');
    const index = new WorkspaceIndex();
    const workspace = workspaceOf(file);
    const plan = planPatches(workspace.filter((f) => isKustomizationFile(f)).map((f) => ({ path: f, text: readFileSync(f, 'utf8') })));
    const options = (f: string): AnalyzeOptions => {
      const uses = plan.files.get(normalizePath(f));
      return { uri: f, index, settings: settingsOf(text), patch: uses !== undefined, patchTarget: uses && patchTargetKind(uses), kustomization: isKustomizationFile(f) };
    };
    for (const other of workspace) if (other !== file) analyze(readFileSync(other, 'utf8'), options(other));
    const a = analyze(text, { ...options(file), base: baseOf(text, file) });
    const report = compare(readExpectations(text), actualsOf(text, [...a.findings, ...overlayFindings(workspace, file, settingsOf(text))]));
    assert.equal(report, '', `${name}\n${report}`);
  });
}
