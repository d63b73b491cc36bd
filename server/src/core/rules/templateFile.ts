import type { RuleMeta } from './types';

/**
 * Not a check on documents: analyze() emits this one finding instead of running the rules when
 * the file is a template, so a Helm chart gets one calm note rather than a cascade of errors.
 */
export const templateFileMeta: RuleMeta = {
  id: 'template-file',
  defaultSeverity: 'info',
  summary: 'The file is a template (Helm, Go template or placeholders); it is not checked.',
  docs: 'Files with `{{ ... }}` (Helm and other Go templates) or `@PLACEHOLDER@` markers are not Kubernetes YAML until they are rendered, so StatefulSet Tools does not check them. Render the chart (`helm template`) and check the output instead.',
  example: '# Check the rendered output instead:\n#   helm template my-release ./chart > rendered.yaml\n#   statefulset-tools check rendered.yaml',
  scope: 'document',
};

const GO_TEMPLATE = /\{\{-?\s*[^}]*\}\}/;
const PLACEHOLDER = /@[A-Z][A-Z0-9_]*@/;

/** The span of the first template marker, if the file is a template. Comments do not count. */
export function findTemplateMarker(text: string): { start: number; end: number; kind: string } | undefined {
  if (text.indexOf('{{') < 0 && text.indexOf('@') < 0) return undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, end);
    if (!/^\s*#/.test(line)) {
      const m = GO_TEMPLATE.exec(line) ?? PLACEHOLDER.exec(line);
      if (m) return { start: lineStart + m.index, end: lineStart + m.index + m[0].length, kind: m[0].startsWith('{{') ? 'Go template' : 'placeholder' };
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}
