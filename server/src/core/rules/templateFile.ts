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
  // Visit only the lines that hold a candidate: a 4 MB manifest with an `@` in an image digest
  // must not be cut into lines on every keystroke.
  let from = 0;
  while (from < text.length) {
    const brace = text.indexOf('{{', from);
    const at = text.indexOf('@', from);
    const hit = brace < 0 ? at : at < 0 ? brace : Math.min(brace, at);
    if (hit < 0) return undefined;
    const lineStart = text.lastIndexOf('\n', hit - 1) + 1;
    const nl = text.indexOf('\n', hit);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, end);
    if (!/^\s*#/.test(line)) {
      const action = goTemplateAction(line);
      if (action) return { start: lineStart + action.start, end: lineStart + action.end, kind: 'Go template' };
      const m = PLACEHOLDER.exec(line);
      if (m) return { start: lineStart + m.index, end: lineStart + m.index + m[0].length, kind: 'placeholder' };
    }
    from = end + 1;
  }
  return undefined;
}
