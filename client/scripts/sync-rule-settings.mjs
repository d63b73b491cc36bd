// Lists every rule under `statefulset.rules` in package.json, so settings.json completes rule ids
// and shows each rule's summary and default severity. Reads the compiled registry; `npm run docs`
// compiles and runs it after scripts/gen-rules-doc.mjs. test/client/manifest.test.ts fails while
// package.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** The `properties` of the `statefulset.rules` setting, in registry order. Pure: the test calls it too. */
export function ruleSettingProperties(metas) {
  return Object.fromEntries(
    metas.map((m) => [m.id, { type: 'string', enum: SEVERITIES, default: m.defaultSeverity, markdownDescription: `${m.summary} (default: ${m.defaultSeverity})` }]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { RULE_METAS } = createRequire(import.meta.url)(`${ROOT}out/server/src/core/index.js`);
  const path = `${ROOT}package.json`;
  const pkg = JSON.parse(readFileSync(path, 'utf8'));
  pkg.contributes.configuration.properties['statefulset.rules'].properties = ruleSettingProperties(RULE_METAS);
  // One line per severity list rather than five, as a person would write it.
  const text = JSON.stringify(pkg, null, 2).replace(/"enum": \[\s+"error",\s+"warning",\s+"info",\s+"hint",\s+"off"\s+\]/g, '"enum": ["error", "warning", "info", "hint", "off"]');
  writeFileSync(path, `${text}\n`);
  console.log(`package.json: ${RULE_METAS.length} rules under statefulset.rules`);
}
