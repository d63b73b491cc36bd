// The floor the issue sets for opening a file: the `yaml` package's own parse of it
// (parseAllDocuments, default options), in a fresh process as a server's first parse would be.
// Prints {"ms": ..., "documents": ...}; the file read and the module load are not counted.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const text = readFileSync(process.argv[2], 'utf8');
const t = performance.now();
const docs = parseAllDocuments(text);
const ms = performance.now() - t;
process.stdout.write(`${JSON.stringify({ ms, documents: Array.isArray(docs) ? docs.length : 0 })}\n`);
