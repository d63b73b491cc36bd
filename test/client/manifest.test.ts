/**
 * package.json's contributions agree with the code: every setting the server reads is declared
 * with the server's own default, every rule is listed under statefulset.rules, the version enum
 * spans the releases the core models, and the commands and menus point at registered commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LATEST_VERSION, OLDEST_VERSION, RULE_METAS, type RuleMeta } from '../../server/src/core';
import { readSettings } from '../../server/src/lsp/settings';
import { ROOT } from '../support/paths';

interface SettingSchema {
  readonly type: string;
  readonly default: unknown;
  readonly scope?: string;
  readonly enum?: readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Record<string, unknown>;
}

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly capabilities: { readonly untrustedWorkspaces: { supported: unknown }; readonly virtualWorkspaces: { supported: unknown; description?: string } };
  readonly contributes: {
    readonly commands: readonly { command: string; title: string; category: string }[];
    readonly menus: Record<string, readonly { command: string; when?: string }[]>;
    readonly configuration: { readonly properties: Record<string, SettingSchema> };
  };
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const settings = pkg.contributes.configuration.properties;

test('every statefulset.* setting has a description, a default and a scope', () => {
  for (const [key, s] of Object.entries(settings)) {
    assert.ok(key.startsWith('statefulset.'), key);
    assert.ok((s.description ?? s.markdownDescription ?? '').length > 20, `${key} is described`);
    assert.ok('default' in s, `${key} has a default`);
    // The trace is read by the client for the whole window; everything the server reads is per resource.
    assert.equal(s.scope, key === 'statefulset.trace.server' ? 'window' : 'resource', key);
  }
  assert.deepEqual(Object.keys(settings).sort(), [
    'statefulset.clusterDomain',
    'statefulset.compareWith',
    'statefulset.defaultNamespace',
    'statefulset.kubernetesVersion',
    'statefulset.maxFileSize',
    'statefulset.rules',
    'statefulset.trace.server',
    'statefulset.yamlFindings',
  ]);
});

test('the declared defaults are the server\'s defaults, and read without a warning', () => {
  const declared: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(settings)) if (key !== 'statefulset.trace.server') declared[key.slice('statefulset.'.length)] = s.default;
  const warnings: string[] = [];
  const fromManifest = readSettings(declared, (m) => warnings.push(m));
  const fromNothing = readSettings({}, (m) => warnings.push(m));
  assert.deepEqual(warnings, []);
  // `settings` keeps what was given (a repository's configuration goes on top of it); what it resolves to is the same.
  assert.deepEqual({ resolved: fromManifest.resolved, maxFileSize: fromManifest.maxFileSize }, { resolved: fromNothing.resolved, maxFileSize: fromNothing.maxFileSize });
});

test('statefulset.kubernetesVersion offers latest and every release the core models', () => {
  const offered = settings['statefulset.kubernetesVersion'].enum ?? [];
  const releases: string[] = [];
  for (let minor = LATEST_VERSION.minor; minor >= OLDEST_VERSION.minor; minor--) releases.push(`${LATEST_VERSION.major}.${minor}`);
  assert.deepEqual(offered, ['latest', ...releases]);
  for (const v of offered) {
    const warnings: string[] = [];
    readSettings({ kubernetesVersion: v }, (m) => warnings.push(m));
    assert.deepEqual(warnings, [], v);
  }
});

test('statefulset.rules lists every rule (run `npm run docs` after changing a rule)', async () => {
  const { ruleSettingProperties } = (await import(pathToFileURL(join(ROOT, 'client', 'scripts', 'sync-rule-settings.mjs')).href)) as {
    ruleSettingProperties(metas: readonly RuleMeta[]): Record<string, unknown>;
  };
  assert.deepEqual(settings['statefulset.rules'].properties, ruleSettingProperties(RULE_METAS));
});

test('commands are in the StatefulSet category; menus name contributed commands', () => {
  const ids = pkg.contributes.commands.map((c) => c.command);
  assert.deepEqual(ids, ['statefulset.openPreview', 'statefulset.restartServer', 'statefulset.showOutput']);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'StatefulSet', c.command);
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const item of items) assert.ok(ids.includes(item.command), `${menu}: ${item.command}`);
  }
  for (const menu of ['editor/title', 'editor/context']) {
    assert.deepEqual(pkg.contributes.menus[menu].map((i) => i.when), ['resourceLangId == yaml && statefulset.hasStatefulSet'], menu);
  }
  // Each command id is registered by the client (a contributed command nobody registers fails when run).
  const extension = readFileSync(join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  for (const id of ids) assert.ok(extension.includes(`registerCommand('${id}'`), `${id} is registered in extension.ts`);
});

test('activation: the first YAML file, or a preview restored after a restart', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml', 'onWebviewPanel:statefulset.preview']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
});
