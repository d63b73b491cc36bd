/**
 * A preload (`node -r .../noNetwork.js`) that keeps a process from running commands or talking
 * to the network: requiring `child_process` or a network module throws, and so does calling
 * `fetch` or making a WebSocket. Every attempt is also appended to the file named by
 * STS_GUARD_LOG, so a caller that swallows the error still leaves a trace.
 *
 * One exception, the one the language server needs: the LSP library requires `net` and
 * `child_process` as it loads (for its socket and pipe transports, and for finding a global
 * module folder). Those two requires are let through, identified by the bundle's module frame on
 * the stack, and what they return refuses every call. Over stdio or node IPC nothing calls them.
 */
import { appendFileSync } from 'node:fs';
import Module from 'node:module';

const DENIED = new Set(['child_process', 'net', 'http', 'https', 'http2', 'dgram', 'tls', 'dns', 'cluster']);
/** esbuild names each bundled CommonJS module's wrapper after its path: the frame says who requires. */
const LSP_LIBRARY_LOAD = /at (node_modules\/vscode-jsonrpc\/lib\/node\/main\.js|node_modules\/vscode-languageserver\/lib\/node\/files\.js) /;

function report(what: string): Error {
  const log = process.env.STS_GUARD_LOG;
  if (log) appendFileSync(log, `${what}\n${new Error().stack?.split('\n').slice(2, 8).join('\n')}\n`);
  return new Error(`blocked by the test guard: ${what}`);
}

function refusing(name: string, real: object): object {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return () => {
        throw report(`${name}.${String(prop)}()`);
      };
    },
  });
}

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  const name = request.startsWith('node:') ? request.slice(5) : request;
  if (!DENIED.has(name)) return load.call(this, request, parent, isMain);
  const stack = new Error().stack ?? '';
  if (LSP_LIBRARY_LOAD.test(stack)) return refusing(name, load.call(this, request, parent, isMain) as object);
  throw report(`require('${name}')`);
};

const g = globalThis as Record<string, unknown>;
g.fetch = () => {
  throw report('fetch()');
};
g.WebSocket = function WebSocket() {
  throw report('new WebSocket()');
};
