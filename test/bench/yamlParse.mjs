// The floor the issue sets for opening a file: the `yaml` package's own parse of it
// (parseAllDocuments, default options), in a fresh process as a server's first parse would be.
// Prints {"ms", "cpu", "documents"}: wall time and the main thread's run time (Linux schedstat,
// as the bench measures the servers; the process's CPU time elsewhere). The file read and the
// module load are not counted.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

function mainThreadMs() {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

const text = readFileSync(process.argv[2], 'utf8');
const c = mainThreadMs();
const t = performance.now();
const docs = parseAllDocuments(text);
const ms = performance.now() - t;
const cpu = mainThreadMs() - c;
process.stdout.write(`${JSON.stringify({ ms, cpu, documents: Array.isArray(docs) ? docs.length : 0 })}\n`);
