/**
 * An npm registry on localhost that knows one package, from a tarball `npm pack` made: for tests of
 * what installs the package by name and version (the GitHub Action), before that version is
 * published. It answers the two requests npm makes for a package without dependencies: the
 * packument and the tarball. Nothing here is a mock of our code; npm itself does the installing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';

export interface Registry {
  /** For `npm_config_registry`. */
  readonly url: string;
  /** The requests served, `GET /path`. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function serveTarball(tarball: string, manifest: { name: string; version: string; bin?: unknown; engines?: unknown }): Promise<Registry> {
  const bytes = readFileSync(tarball);
  const file = basename(tarball);
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  const shasum = createHash('sha1').update(bytes).digest('hex');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = decodeURIComponent(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url === `/${manifest.name}`) {
      const version = { name: manifest.name, version: manifest.version, bin: manifest.bin, engines: manifest.engines, dist: { tarball: `${base}/${manifest.name}/-/${file}`, integrity, shasum } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: version } }));
    } else if (url === `/${manifest.name}/-/${file}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
