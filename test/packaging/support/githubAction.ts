/**
 * Runs a composite action's steps the way a GitHub runner does, as far as that can be done on this
 * machine: each `run` script is written to a file and run with `bash --noprofile --norc -eo
 * pipefail`, with GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_WORKSPACE and RUNNER_TEMP set, and the
 * `${{ … }}` expressions of `env`, `with` and `if` filled in. `uses` steps (other actions) are not
 * run: the result says whether they would have and with what.
 *
 * Expressions: only the forms action.yml uses (inputs.X, steps.ID.outputs.X, github.action_path,
 * 'literals', ==, !=, &&, always(), success()); anything else throws, so a new form in action.yml
 * shows up here instead of being read wrongly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ActionInput {
  readonly description: string;
  readonly required?: boolean;
  readonly default?: string;
}

export interface ActionStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

export interface Action {
  readonly inputs: Record<string, ActionInput>;
  readonly outputs: Record<string, { readonly value: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

export interface StepResult {
  readonly name: string;
  /** False when its `if` said no. */
  readonly ran: boolean;
  /** Exit status of a `run` step; 0 for a `uses` step that would run. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** A `uses` step's `with`, expressions filled in. */
  readonly with?: Record<string, string>;
}

export interface ActionRun {
  readonly steps: readonly StepResult[];
  /** The action's outputs. */
  readonly outputs: Record<string, string>;
  /** The job fails when a step that ran failed. */
  readonly failed: boolean;
}

interface Context {
  readonly inputs: Record<string, string>;
  readonly steps: Record<string, Record<string, string>>;
  readonly actionPath: string;
  readonly failed: boolean;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

/** Every `${{ … }}` expression in a string. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(EXPRESSION)].map((m) => m[1]);
}

function value(term: string, ctx: Context): string | boolean {
  const t = term.trim();
  let m: RegExpExecArray | null;
  if ((m = /^'(.*)'$/.exec(t))) return m[1].replace(/''/g, "'");
  if (t === 'always()') return true;
  if (t === 'success()') return !ctx.failed;
  if ((m = /^inputs\.([\w-]+)$/.exec(t))) return ctx.inputs[m[1]] ?? '';
  if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t))) return ctx.steps[m[1]]?.[m[2]] ?? '';
  if (t === 'github.action_path') return ctx.actionPath;
  throw new Error(`expression not understood by the test runner: ${t}`);
}

function evaluate(expression: string, ctx: Context): string | boolean {
  const parts = expression.split('&&');
  if (parts.length > 1) return parts.every((p) => evaluate(p, ctx) === true);
  const cmp = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(expression.trim());
  if (cmp) {
    const equal = String(value(cmp[1], ctx)) === String(value(cmp[3], ctx));
    return cmp[2] === '==' ? equal : !equal;
  }
  return value(expression, ctx);
}

function fill(text: string, ctx: Context): string {
  return text.replace(EXPRESSION, (_, e: string) => String(evaluate(e, ctx)));
}

/** `if:` without `${{ }}`, as GitHub allows; a step without one runs when nothing failed. */
function shouldRun(step: ActionStep, ctx: Context): boolean {
  if (step.if === undefined) return !ctx.failed;
  const bare = step.if.replace(EXPRESSION, (_, e: string) => e);
  // GitHub adds success() unless the condition names a status function.
  const withStatus = /\b(always|success|failure|cancelled)\(\)/.test(bare) ? bare : `success() && ${bare}`;
  return evaluate(withStatus, ctx) === true;
}

/** `name=value` lines of a GITHUB_OUTPUT file (the single-line form, the one action.yml writes). */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Runs bash without blocking this process, which may be serving what the script fetches. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export async function runAction(action: Action, options: { actionPath: string; workspace: string; inputs: Record<string, string>; env: NodeJS.ProcessEnv; scratch: string }): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = options.inputs[name] ?? input.default ?? '';
  const runnerTemp = mkdtempSync(join(options.scratch, 'runner-temp-'));
  const steps: Record<string, Record<string, string>> = {};
  const results: StepResult[] = [];
  let failed = false;
  for (const [i, step] of action.runs.steps.entries()) {
    const ctx: Context = { inputs, steps, actionPath: options.actionPath, failed };
    const name = step.name ?? step.id ?? `step ${i}`;
    if (!shouldRun(step, ctx)) {
      results.push({ name, ran: false, status: null, stdout: '', stderr: '' });
      continue;
    }
    if (step.uses !== undefined) {
      const withFilled = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, fill(String(v), ctx)]));
      results.push({ name, ran: true, status: 0, stdout: '', stderr: '', with: withFilled });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`${name}: only bash steps are run here (got ${step.shell})`);
    const script = join(runnerTemp, `step-${i}.sh`);
    const output = join(runnerTemp, `output-${i}`);
    writeFileSync(script, step.run ?? '');
    writeFileSync(output, '');
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: runnerTemp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = fill(String(v), ctx);
    const r = await bash(script, options.workspace, env);
    if (step.id) steps[step.id] = readOutputs(output);
    if (r.status !== 0) failed = true;
    results.push({ name, ran: true, status: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  const ctx: Context = { inputs, steps, actionPath: options.actionPath, failed };
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, fill(o.value, ctx)]));
  return { steps: results, outputs, failed };
}
