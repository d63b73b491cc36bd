/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema.
 *
 * The schema is vendored: schemas/sarif-2.1.0-rtm.5.json is lib/schemas/sarif-2.1.0-rtm.5.json of
 * the npm package @microsoft/jest-sarif 1.0.0-beta.0 (Microsoft, MIT licence), unchanged. It is
 * SchemaStore's copy of the OASIS SARIF 2.1.0 schema, the one GitHub code scanning documents.
 * It is written in JSON Schema draft-04, hence ajv-draft-04; ajv-formats checks its uri formats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from './paths';

// unicodeRegExp off: the schema's `language` pattern has a stray `]` that only a non-Unicode RegExp accepts.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test', 'support', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object);

/** The schema's complaints about a log, one per line; empty when it is valid. */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
