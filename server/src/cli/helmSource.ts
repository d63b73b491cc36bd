/**
 * `helm template` writes each rendered document as `---`, then `# Source: <chart>/templates/<file>`,
 * then the document. A finding in such a stream is most use when it names the template and the
 * line inside the rendered document, counted from the line after the `# Source:` comment (line 1
 * is the document's first line, as in the template when its directives render line for line).
 */

/** Where a finding sits in the template a rendered document came from. 1-based, UTF-16 columns. */
export interface TemplateSource {
  readonly template: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface Region {
  readonly template: string;
  /** 0-based line of the `# Source:` comment; the document starts on the next line. */
  readonly commentLine: number;
  /** 0-based last line of the document (before the next `---` or `# Source:`). */
  lastLine: number;
}

const SOURCE = /^# Source: (\S.*?)\s*$/;
const DOCUMENT_START = /^---(\s|$)/;

/** The `# Source:` regions of a text, in order; none when it is not rendered Helm output. */
export class HelmSources {
  private readonly regions: Region[] = [];

  constructor(text: string) {
    if (!text.includes('# Source: ')) return;
    const lines = text.split(/\r?\n|\r/);
    let open: Region | undefined;
    lines.forEach((line, i) => {
      const m = SOURCE.exec(line);
      if (m) {
        open = { template: m[1], commentLine: i, lastLine: i };
        this.regions.push(open);
      } else if (DOCUMENT_START.test(line)) {
        open = undefined;
      } else if (open) {
        open.lastLine = i;
      }
    });
  }

  get empty(): boolean {
    return this.regions.length === 0;
  }

  /** The template position of a 1-based range of the rendered text, if it lies in a region. */
  at(line: number, column: number, endLine: number, endColumn: number): TemplateSource | undefined {
    const l0 = line - 1;
    let lo = 0;
    let hi = this.regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.regions[mid];
      if (l0 <= r.commentLine) hi = mid - 1;
      else if (l0 > r.lastLine) lo = mid + 1;
      else {
        const last = Math.min(endLine - 1, r.lastLine);
        return { template: r.template, line: l0 - r.commentLine, column, endLine: last - r.commentLine, endColumn: last === endLine - 1 ? endColumn : column };
      }
    }
    return undefined;
  }
}
