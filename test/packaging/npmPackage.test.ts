/**
 * The npm package as a user gets it: `npm pack` (its `prepack` builds), then `npm install` of the
 * tarball into an empty prefix with `--offline` (nothing to fetch: everything is bundled), then
 * from that install: both bins (`statefulset-tools check` on an example, the language server
 * answering `initialize` over stdio), the API from `require` and `import` in real Node processes,
 * and its declarations compiled against by tsc from a small TypeScript consumer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../support/paths';
import { NPM_ENV, pack, type Packed } from './support/tarball';

/** What the package must hold: the bundles, the API's declarations and the rules' docs. */
const REQUIRED_FILES = ['dist/api.d.ts', 'dist/api.js', 'dist/cli.js', 'dist/server.js', 'docs/rules.md', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'];
/** npm adds these whatever `files` says. */
const ALWAYS = new Set(['package.json', 'README.md', 'LICENSE']);
// The API, the CLI and the server each bundle the whole core, a git reader (isomorphic-git, for
// --base), the Kustomize build and ajv: about 850 KB packed in December.
const MAX_TARBALL_BYTES = 1024 * 1024;

const EXAMPLE = join(ROOT, 'examples', 'mistakes.yaml');
/** A StatefulSet whose Service is in another input, and a duplicate key. */
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: nginx, image: nginx}]
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector: {app: web}
`;

let packed: Packed;
let prefix = '';
let installed = '';
let install: SpawnSyncReturns<string>;

function run(command: string, args: readonly string[], cwd = prefix, input?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000, input, env: NPM_ENV });
}

before(() => {
  packed = pack();
  prefix = join(packed.work, 'prefix');
  mkdirSync(prefix);
  install = run('npm', ['install', '--prefix', prefix, '--offline', '--no-package-lock', packed.tarball]);
  installed = join(prefix, 'node_modules', 'statefulset-tools');
});

after(() => packed?.dispose());

describe('npm pack', () => {
  test('the tarball holds the bundles, the declarations and the docs, nothing else', () => {
    const shipped = packed.files.map((f) => f.path);
    for (const f of REQUIRED_FILES) assert.ok(shipped.includes(f), `${f} is shipped`);
    // Exactly what `files` lists: every file is named by an entry, and every entry names a file.
    const entries = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    const named = (path: string, entry: string): boolean => path === entry || path.startsWith(entry.endsWith('/') ? entry : `${entry}/`);
    for (const f of shipped) assert.ok(ALWAYS.has(f) || entries.some((e) => named(f, e)), `${f} is listed in files`);
    for (const e of entries) assert.ok(shipped.some((f) => named(f, e)), `files entry ${e} ships something`);
    const unwanted = shipped.filter((f) => /^(test|server|client|media|scripts)\/|\.map$|(?<!\.d)\.ts$|\.vsix$/.test(f));
    assert.deepEqual(unwanted, []);
    assert.ok(packed.size < MAX_TARBALL_BYTES, `${packed.size} bytes packed`);
  });

  test('the manifest says where the project lives and needs nothing installed with it', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.match(String((pkg.repository as { url: string }).url), /github\.com\/statefulset-tools\/statefulset-tools/);
    assert.match(String((pkg.bugs as { url: string }).url), /\/issues$/);
    assert.ok(String(pkg.homepage).startsWith('https://github.com/statefulset-tools/statefulset-tools'));
    // Every runtime dependency is bundled by esbuild.
    assert.equal(pkg.dependencies, undefined);
    for (const target of [...Object.values(pkg.bin as Record<string, string>), pkg.types as string]) assert.ok(existsSync(join(installed, target)), `${target} is shipped`);
  });
});

describe('installed from the tarball, offline', () => {
  test('npm install --offline succeeds', () => {
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
  });

  test('the statefulset-tools bin checks an example, as stylish and as JSON', () => {
    const bin = join(prefix, 'node_modules', '.bin', 'statefulset-tools');
    const stylish = run(bin, ['check', EXAMPLE]);
    assert.equal(stylish.status, 1, stylish.stderr);
    assert.match(stylish.stdout, /access-mode-invalid/);
    const json = run(bin, ['check', '--format', 'json', EXAMPLE]);
    const results = JSON.parse(json.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    assert.equal(results[0].filePath, EXAMPLE);
    assert.ok(results[0].messages.some((m) => m.ruleId === 'volume-mount-unresolved'));
  });

  test('the statefulset-language-server bin answers initialize over stdio', async () => {
    const child = spawn(join(prefix, 'node_modules', '.bin', 'statefulset-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'statefulset-language-server');
      assert.ok(result.capabilities.hoverProvider);
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  test("require('statefulset-tools') loads the API, not the VS Code client", () => {
    const script = `
      const api = require('statefulset-tools');
      const resolved = require.resolve('statefulset-tools');
      Promise.all([
        api.check([{ text: process.argv[1], filePath: 'sts.yaml' }, { text: process.argv[2], filePath: 'svc.yaml' }]),
        api.preview({ text: process.argv[1] }, { clusterDomain: 'example.org' }),
        api.check(process.argv[3]),
      ]).then(([texts, preview, file]) => console.log(JSON.stringify({ resolved, version: api.version, texts, preview, file })));`;
    const r = run(process.execPath, ['-e', script, STS, SERVICE, EXAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      resolved: string;
      version: string;
      texts: { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
      preview: { filePath: string; entries: { identity: { pods: { fqdn: string }[] } }[] }[];
      file: unknown;
    };
    assert.equal(realpathSync(out.resolved), realpathSync(join(installed, 'dist', 'api.js')));
    assert.equal(out.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const [sts, svc] = out.texts;
    assert.deepEqual(sts.messages.filter((m) => m.ruleId === 'duplicate-key').map((m) => [m.line, m.column]), [[5, 3]]);
    assert.ok(!sts.messages.some((m) => m.ruleId === 'service-not-found'), 'the Service in the other input was found');
    assert.deepEqual(svc.messages, []);
    assert.deepEqual(out.preview[0].entries[0].identity.pods.map((p) => p.fqdn), ['web-0.web.default.svc.example.org', 'web-1.web.default.svc.example.org']);
    // The same JSON as the CLI prints for the same file.
    const cli = run(join(prefix, 'node_modules', '.bin', 'statefulset-tools'), ['check', '--format', 'json', EXAMPLE]);
    assert.deepEqual(out.file, JSON.parse(cli.stdout));
  });

  test('import { check } from an ES module, and options the CLI would refuse are rejected', () => {
    const script = `
      import { check } from 'statefulset-tools';
      const results = await check({ text: process.argv[1] }, { rules: { 'duplicate-key': 'off' } });
      const refused = await check({ text: '' }, { rules: { 'no-such-rule': 'off' } }).then(() => 'accepted', (e) => e.constructor.name + ': ' + e.message);
      console.log(JSON.stringify({ results, refused }));`;
    const r = run(process.execPath, ['--input-type=module', '-e', script, STS]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { results: { messages: { ruleId: string }[] }[]; refused: string };
    assert.ok(out.results[0].messages.length > 0 && !out.results[0].messages.some((m) => m.ruleId === 'duplicate-key'), 'the rule turned off is off');
    assert.match(out.refused, /^TypeError: .*no-such-rule/);
  });

  test('a TypeScript consumer compiles against the installed declarations (CommonJS and ESM)', () => {
    const consumer = join(prefix, 'consumer');
    mkdirSync(consumer, { recursive: true });
    const body = `
      const results: FileResult[] = await check(['deploy/'], { kubernetesVersion: '1.30', rules: { 'pdb-missing': 'off' } });
      const first: Message | undefined = results[0]?.messages[0];
      const severity: 'error' | 'warning' | 'info' | 'hint' | undefined = first?.severity;
      const previews: FilePreview[] = await preview({ text: 'kind: StatefulSet', filePath: 'a.yaml' });
      const fqdn: string | undefined = previews[0]?.entries[0]?.identity.pods[0]?.fqdn;
      // @ts-expect-error: a severity that does not exist
      await check('x.yaml', { rules: { 'pdb-missing': 'loud' } });
      // @ts-expect-error: text inputs are objects
      await check([{ filePath: 'a.yaml' }]);
      export { severity, fqdn, version };`;
    writeFileSync(join(consumer, 'cjs.ts'), `import { check, preview, version, type FileResult, type FilePreview, type Message } from 'statefulset-tools';\nexport async function main(): Promise<void> {${body.replace('export { severity, fqdn, version };', 'void severity; void fqdn; void version;')}\n}\n`);
    writeFileSync(join(consumer, 'esm.mts'), `import { check, preview, version, type FileResult, type FilePreview, type Message } from 'statefulset-tools';\n${body}\n`);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, types: [], skipLibCheck: false }, files: ['cjs.ts', 'esm.mts'] }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = run(process.execPath, [tsc, '-p', consumer], consumer);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  });
});
