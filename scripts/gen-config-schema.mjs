// Writes schemas/statefulset-tools.schema.json, the JSON Schema of .statefulset-tools.yaml, from the
// compiled core (setting keys and rule registry). `npm run docs` compiles first, then runs this;
// test/unit/config.test.ts fails when the committed file is not what the core makes.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE = `${ROOT}schemas/statefulset-tools.schema.json`;

/** The file's text for a schema object. Pure: the test calls it too. */
export function renderSchema(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const core = createRequire(import.meta.url)(`${ROOT}out/server/src/core/index.js`);
  writeFileSync(SCHEMA_FILE, renderSchema(core.buildConfigSchema(core.RULE_METAS)));
  process.stdout.write(`schemas/statefulset-tools.schema.json: ${core.RULE_METAS.length} rule ids\n`);
}
