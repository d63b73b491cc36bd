/**
 * TextMate tokenising as VS Code does it (vscode-textmate on vscode-oniguruma), with our injection
 * grammar registered for source.yaml the way package.json's `injectTo` registers it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';
import { ROOT } from '../../support/paths';

export const INJECTION_SCOPE = 'statefulset.injection';
export const INJECTION_PATH = join(ROOT, 'syntaxes', 'statefulset.injection.json');

let onig: Promise<IOnigLib> | undefined;

function onigLib(): Promise<IOnigLib> {
  onig ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

/** scopeName -> file, for every grammar JSON in a folder. */
export function grammarsIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    const scope = (JSON.parse(readFileSync(file, 'utf8')) as { scopeName?: string }).scopeName;
    if (scope) out.set(scope, file);
  }
  return out;
}

/** source.yaml from `base` (scope -> file), with our injection. */
export async function yamlGrammar(base: ReadonlyMap<string, string>): Promise<IGrammar> {
  const files = new Map(base);
  files.set(INJECTION_SCOPE, INJECTION_PATH);
  const registry = new Registry({
    onigLib: onigLib(),
    loadGrammar: async (scope) => {
      const file = files.get(scope);
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => (scope === 'source.yaml' ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  if (!grammar) throw new Error('source.yaml did not load');
  return grammar;
}

export interface Token {
  readonly start: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

/** The tokens of each line, the state carried from line to line. */
export function tokenizeLines(grammar: IGrammar, text: string): Token[][] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}
