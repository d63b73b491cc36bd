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

const PLACEHOLDER = /@[A-Z][A-Z0-9_]*@/;

/**
 * The first `{{ ... }}` with no `}` inside, in one pass. (The regular expression for it retries at
 * every `{{` and scans to the line's end each time: minutes on a long line of braces.) A start
 * whose first `}` is not doubled fails, and so does every start before that `}`.
 */
function goTemplateAction(line: string): { start: number; end: number } | undefined {
  let open = line.indexOf('{{');
  while (open >= 0) {
    const close = line.indexOf('}', open + 2);
    if (close < 0) return undefined;
    if (line.charCodeAt(close + 1) === 125 /* } */) return { start: open, end: close + 2 };
    open = line.indexOf('{{', close + 1);
  }
  return undefined;
}

/** The span of the first template marker, if the file is a template. Comments do not count. */
export function findTemplateMarker(text: string): { start: number; end: number; kind: string } | undefined {
  if (text.indexOf('{{') < 0 && text.indexOf('@') < 0) return undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, end);
    if (!/^\s*#/.test(line)) {
      const action = goTemplateAction(line);
      if (action) return { start: lineStart + action.start, end: lineStart + action.end, kind: 'Go template' };
      const m = PLACEHOLDER.exec(line);
      if (m) return { start: lineStart + m.index, end: lineStart + m.index + m[0].length, kind: 'placeholder' };
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}
