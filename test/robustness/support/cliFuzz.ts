/**
 * The CLI (`node dist/cli.js check`) on damaged files: a few through stdin (`check -`), the rest
 * as one folder in one run. Exit code 0 or 1 (findings), never 2 (a crash or a usage error), JSON
 * that parses, one result per file, and every line and column inside its file.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LineIndex } from '../../../server/src/core';
import { jsonOf, runCli, TempDir } from '../../cli/harness';
import type { FileResult } from '../../../server/src/cli/format';
import { asTransported } from './lspCheck';
import { loadSeeds } from './mutate';
import { damagedPairs } from './properties';

function messageProblems(result: FileResult, text: string): string[] {
  const lines = new LineIndex(text);
  const inside = (line: number, column: number): boolean => line >= 1 && line <= lines.lineCount && column >= 1 && column <= lines.lineText(line - 1).length + 1;
  return result.messages.flatMap((m) => {
    const out: string[] = [];
    if (m.ruleId === 'internal-error') out.push(`internal-error: ${m.message}`);
    if (!inside(m.line, m.column) || !inside(m.endLine, m.endColumn)) out.push(`${m.ruleId} at ${m.line}:${m.column}-${m.endLine}:${m.endColumn} outside the file (${lines.lineCount} lines)`);
    if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) out.push(`${m.ruleId} ends before it starts`);
    return out;
  });
}

const FOLDER_SIZE = 200;

export function fuzzCli(viaStdin: number, inFolder: number, seed: number | undefined): void {
  const cases = damagedPairs(loadSeeds(), viaStdin + inFolder, seed);
  const failures: string[] = [];
  for (const c of cases.slice(0, viaStdin)) {
    const run = runCli(['check', '-', '--format', 'json'], { stdin: c.text });
    if (run.status !== 0 && run.status !== 1) {
      failures.push(`${c.name}: exit ${run.status}\n${run.stderr}`);
      continue;
    }
    const [result] = jsonOf<FileResult[]>(run);
    const problems = messageProblems(result, asTransported(c.text));
    if (problems.length) failures.push(`${c.name} (stdin):\n  ${problems.join('\n  ')}`);
  }
  const folder = cases.slice(viaStdin);
  // Folders of FOLDER_SIZE files: one run's JSON must fit the harness's output buffer.
  for (let from = 0; from < folder.length; from += FOLDER_SIZE) {
    const dir = new TempDir();
    try {
      const batch = folder.slice(from, from + FOLDER_SIZE);
      batch.forEach((c, i) => dir.write(`f${i}.yaml`, c.text));
      const run = runCli(['check', dir.path, '--format', 'json']);
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}\n${run.stderr}`);
      const results = jsonOf<FileResult[]>(run);
      assert.equal(results.length, batch.length, 'one result per file');
      for (const r of results) {
        const i = Number(/f(\d+)\.yaml$/.exec(r.filePath)?.[1]);
        const problems = messageProblems(r, asTransported(batch[i].text));
        if (problems.length) failures.push(`${batch[i].name} (${join('folder', `f${from + i}.yaml`)}):\n  ${problems.join('\n  ')}`);
      }
    } finally {
      dir.remove();
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
}
