// The two servers the bench drives: ours (the bundled dist/server.js) and the peer,
// Red Hat's yaml-language-server, set up as a user would for Kubernetes files: validation on,
// a StatefulSet JSON schema mapped to the workload files, no downloads (schema store and CRD
// store off, so nothing waits on the network).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @typedef {object} ServerSpec
 * @property {string} name
 * @property {string[]} command
 * @property {string} [cwd]
 * @property {unknown} [initializationOptions]
 * @property {(section: string, scopeUri?: string) => unknown} configuration  answer to workspace/configuration
 * @property {boolean} pushConfiguration  send workspace/didChangeConfiguration after initialized
 * @property {boolean} versionedDiagnostics  publishDiagnostics carries the document version
 * @property {(server: import('./lsp.mjs').BenchServer) => Promise<void>} [ready]
 */

/** @returns {ServerSpec} */
export function ours(root, server = join(root, 'dist', 'server.js')) {
  return {
    name: 'statefulset-language-server',
    command: [process.execPath, server, '--stdio'],
    cwd: root,
    // Defaults, as a new user has them.
    configuration: (section) => (section === 'statefulset' ? {} : null),
    pushConfiguration: false,
    versionedDiagnostics: true,
    // Until its start-up scan ends the server holds back findings that need other files.
    ready: (server) => server.progressEnded(),
  };
}

/** The peer's package directory, or undefined when it is not installed. */
export function peerDir(root) {
  try {
    const require = createRequire(join(root, 'package.json'));
    return dirname(require.resolve('yaml-language-server/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * @param {string} dir the yaml-language-server package
 * @param {string} schema a StatefulSet JSON schema file
 * @param {string} filePattern the workload files, as a yaml.schemas glob
 * @returns {ServerSpec}
 */
export function peer(dir, schema, filePattern) {
  const bin = join(dir, 'bin', 'yaml-language-server');
  if (!existsSync(bin)) throw new Error(`no ${bin}`);
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [schema]: [filePattern] },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    maxItemsComputed: 5000,
  };
  return {
    name: 'yaml-language-server',
    command: [process.execPath, bin, '--stdio'],
    cwd: dir,
    configuration: (section) => {
      if (section === 'yaml') return yaml;
      if (section === 'http') return { proxy: '', proxyStrictSSL: false };
      return {};
    },
    // It reads its settings when told they changed (and on initialized when it can ask).
    pushConfiguration: true,
    versionedDiagnostics: false,
    ready: (server) => server.configured(),
  };
}
