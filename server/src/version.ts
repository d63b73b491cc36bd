export const VERSION: string = typeof STS_VERSION === 'string' ? STS_VERSION : '0.0.0-dev';
/** The one place the repository's address is written in code; package.json's `repository` names the same. */
export const REPOSITORY_URL = 'https://github.com/statefulset-tools/statefulset-tools';

/** The rules page as released with a version (its tag), or on main for a development build. */
export function docsUrlFor(version: string): string {
  return `${REPOSITORY_URL}/blob/${version === '0.0.0-dev' ? 'main' : `v${version}`}/docs/rules.md`;
}

export const DOCS_URL = docsUrlFor(VERSION);

export function ruleDocsUrl(id: string): string {
  return `${DOCS_URL}#${id}`;
}
