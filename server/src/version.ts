export const VERSION: string = typeof STS_VERSION === 'string' ? STS_VERSION : '0.0.0-dev';
export const DOCS_URL = 'https://github.com/statefulset-tools/statefulset-tools/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_URL}#${id}`;
}
