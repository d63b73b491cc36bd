import type { Severity, SeveritySetting } from '../core';

export class UsageError extends Error {}

export interface CliOptions {
  readonly command: 'check' | 'preview' | 'help' | 'version' | 'rules';
  readonly paths: string[];
  readonly format: 'stylish' | 'json' | 'sarif' | 'github';
  readonly rules: Record<string, SeveritySetting>;
  readonly kubernetesVersion?: string;
  readonly namespace?: string;
  readonly clusterDomain?: string;
  readonly replicas?: number;
  readonly color: boolean;
  readonly maxWarnings?: number;
  /** `--config FILE`: this configuration for every file instead of looking for .statefulset-tools.yaml. */
  readonly config?: string;
  readonly reportUnusedDisableDirectives?: boolean;
  /** Findings below this severity are not shown (and do not count for --max-warnings). */
  readonly minSeverity: Severity;
  /** Globs of paths not to check. */
  readonly exclude: string[];
  /** The name standard input is reported under. */
  readonly stdinFilename?: string;
  /** A part of a file left unchecked (too large, nested too deep) does not fail `check`. */
  readonly allowUnchecked: boolean;
  /** `--base REF`: compare with the same objects at this git ref. */
  readonly base?: string;
  /** `--explain`: print the migration plan of each forbidden change (check, with --base). */
  readonly explain?: boolean;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const LEVELS = new Set(['error', 'warning', 'info', 'hint']);
const FORMATS = new Set(['stylish', 'json', 'sarif', 'github']);

/**
 * Colour when stdout is a terminal; FORCE_COLOR (present and not empty, whatever its value, as
 * force-color.org says) forces it, NO_COLOR (likewise, no-color.org) turns it off, and the
 * --color/--no-color flags override both.
 */
function colorByDefault(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR) return true;
  if (env.NO_COLOR) return false;
  return isTTY;
}

export function parseArgs(argv: readonly string[], isTTY: boolean, env: NodeJS.ProcessEnv = process.env): CliOptions {
  const args = [...argv];
  let command: CliOptions['command'] = 'check';
  const first = args[0];
  if (first === 'check' || first === 'preview' || first === 'rules') {
    command = first;
    args.shift();
  } else if (first === 'help' || first === '--help' || first === '-h') {
    return base('help', isTTY, env);
  } else if (first === 'version' || first === '--version' || first === '-v') {
    return base('version', isTTY, env);
  } else if (first === undefined) {
    return base('help', isTTY, env);
  }
  // Anything else is a path or an option of an implicit `check`.
  const o: { -readonly [K in keyof CliOptions]: CliOptions[K] } = { ...base(command, isTTY, env) };
  const value = (flag: string, i: number): string => {
    const v = args[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(a, i);
      i++;
      return v;
    };
    switch (a) {
      case '--format':
      case '-f': {
        const f = take();
        if (!FORMATS.has(f)) throw new UsageError(`--format must be stylish, json, sarif or github (got "${f}")`);
        o.format = f as CliOptions['format'];
        break;
      }
      case '--rule': {
        const r = take();
        const m = /^([a-z0-9-]+)[=:](\w+)$/.exec(r);
        if (!m || !SEVERITIES.has(m[2])) throw new UsageError(`--rule takes <rule-id>=<error|warning|info|hint|off> (got "${r}")`);
        o.rules = { ...o.rules, [m[1]]: m[2] as SeveritySetting };
        break;
      }
      case '--kubernetes-version': {
        const v = take();
        if (!/^(latest|v?\d+\.\d+(\.\d+)?)$/.test(v)) throw new UsageError(`--kubernetes-version takes a version like 1.30 (got "${v}")`);
        o.kubernetesVersion = v;
        break;
      }
      case '--namespace':
      case '-n':
        o.namespace = take();
        break;
      case '--cluster-domain':
        o.clusterDomain = take();
        break;
      case '--replicas': {
        const v = take();
        if (!/^\d+$/.test(v)) throw new UsageError(`--replicas takes a whole number (got "${v}")`);
        o.replicas = Number(v);
        break;
      }
      case '--max-warnings': {
        const v = take();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number (got "${v}")`);
        o.maxWarnings = Number(v);
        break;
      }
      case '--config':
      case '-c':
        o.config = take();
        break;
      case '--report-unused-disable-directives':
        o.reportUnusedDisableDirectives = true;
        break;
      case '--quiet':
      case '-q':
        o.minSeverity = 'error';
        break;
      case '--min-severity': {
        const v = take();
        if (!LEVELS.has(v)) throw new UsageError(`--min-severity takes error, warning, info or hint (got "${v}")`);
        o.minSeverity = v as Severity;
        break;
      }
      case '--exclude':
        o.exclude = [...o.exclude, take()];
        break;
      case '--stdin-filename':
        o.stdinFilename = take();
        break;
      case '--allow-unchecked':
        o.allowUnchecked = true;
        break;
      case '--base':
        o.base = take();
        break;
      case '--explain':
        o.explain = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      case '--color':
        o.color = true;
        break;
      case '--help':
      case '-h':
        o.command = 'help';
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(args[i]);
    }
  }
  if ((o.command === 'check' || o.command === 'preview') && o.paths.length === 0) {
    throw new UsageError(`${o.command} needs at least one file, directory or - for standard input`);
  }
  if (o.explain && (o.command !== 'check' || o.base === undefined)) throw new UsageError('--explain is an option of check with --base REF');
  if (o.explain && o.format !== 'stylish') throw new UsageError('--explain prints text: use it with the stylish format');
  if (o.command === 'preview' && (o.format === 'sarif' || o.format === 'github')) throw new UsageError(`preview prints stylish or json (${o.format} is for check)`);
  if (o.command !== 'preview' && o.command !== 'help' && o.replicas !== undefined) throw new UsageError('--replicas is an option of preview');
  return o;
}

function base(command: CliOptions['command'], isTTY: boolean, env: NodeJS.ProcessEnv): CliOptions {
  return { command, paths: [], format: 'stylish', rules: {}, color: colorByDefault(isTTY, env), minSeverity: 'hint', exclude: [], allowUnchecked: false };
}

export const HELP = `statefulset-tools: checks Kubernetes StatefulSet YAML and previews what the cluster would create.

Usage:
  statefulset-tools check [PATH...]     check files and directories (*.yaml, *.yml, honouring .gitignore;
                                        YAML without a Kubernetes object is skipped); - reads standard input
  statefulset-tools preview [PATH...]   pods, PVCs, DNS names, creation/termination order, update and
                                        deletion plans of each StatefulSet (files and directories as for check)
  statefulset-tools rules               list the rules

Options:
  --format stylish|json|sarif|github    output format (default stylish; preview: stylish or json);
                                        github prints workflow commands that annotate a pull request
  --rule <id>=<severity|off>            change a rule's severity (error, warning, info, hint) or turn it off
  --kubernetes-version <1.NN|latest>    the API server to check against (default latest)
  --namespace <name>                    namespace for objects without metadata.namespace (default "default")
  --cluster-domain <domain>             cluster DNS domain (default cluster.local)
  --replicas <N>                        preview: show scaling from the current replicas to N
  --max-warnings <N>                    check: exit 1 when there are more than N warnings
  --quiet, -q                           check: show errors only
  --min-severity <error|warning|info|hint>  check: show findings of this severity and above
  --exclude <glob>                      skip matching paths (repeatable; relative to the current
                                        directory; a glob without / matches file and folder names)
  --stdin-filename <name>               the name standard input (-) is reported under
  --allow-unchecked                     check: do not fail on a part left unchecked (too large, too deep)
  --config, -c <file>                   use this configuration instead of the .statefulset-tools.yaml found
                                        from each file upwards to the repository root
  --report-unused-disable-directives    warn about disable comments and annotation ids that silenced nothing
  --color, --no-color                   force colour on or off (default: on for a terminal;
                                        FORCE_COLOR and NO_COLOR are honoured)
  --base <ref>                          compare with the same objects at a git ref (HEAD, origin/main, a tag
                                        or commit): changes the API server refuses, dangerous changes, and
                                        in preview what happens to pods and PVCs (see docs/forbidden-updates.md)
  --explain                             check --base: print the migration plan for each refused change

Exit status:
  check     0 no errors, 1 errors found, more warnings than --max-warnings, a file that could not be
            read, or a part of a file left unchecked (unless --allow-unchecked), 2 bad usage, a bad
            configuration file or internal failure
  preview   0 previewed, 1 no apps/v1 StatefulSet in the input, 2 bad usage or a file that could not be read
`;
