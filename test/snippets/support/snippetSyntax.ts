/**
 * VS Code's snippet syntax, enough to insert a snippet as a user who presses Tab through it would
 * get it: every placeholder keeps its default, a choice its first option, mirrors repeat their
 * placeholder, `$0` is empty, and lines after the first take the indentation of the insertion line.
 *
 *   tabstop     $1  ${1}
 *   placeholder ${1:default}        (defaults may nest placeholders)
 *   choice      ${1|one,two|}
 *   variable    $NAME  ${NAME}  ${NAME:default}
 *   escapes     \$ \} \\ in text; \, \| \\ in choices
 *
 * Transforms (`${1/re/fmt/}`) are refused rather than misread: our snippets do not use them.
 */
export type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: readonly SnippetNode[] };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Nodes up to the end, or up to an unescaped `}` when inside a placeholder. */
  parseNodes(inside: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && inside) {
        break;
      } else if (c === '$') {
        const start = this.pos;
        const node = this.construct();
        if (node) {
          flush();
          out.push(node);
        } else {
          // Not a construct: VS Code keeps the `$` as text.
          this.pos = start + 1;
          text += '$';
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return out;
  }

  private construct(): SnippetNode | undefined {
    this.pos++; // $
    const int = this.match(/\d+/y);
    if (int !== undefined) return { kind: 'tabstop', index: Number(int) };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== undefined) return { kind: 'variable', name };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos++;
    const index = this.match(/\d+/y);
    const varName = index === undefined ? this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y) : undefined;
    if (index === undefined && varName === undefined) return undefined;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return index !== undefined ? { kind: 'tabstop', index: Number(index) } : { kind: 'variable', name: varName as string };
    }
    if (next === ':') {
      this.pos++;
      const children = this.parseNodes(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos++;
      return index !== undefined ? { kind: 'tabstop', index: Number(index), children } : { kind: 'variable', name: varName as string, children };
    }
    if (next === '|' && index !== undefined) {
      this.pos++;
      const options = this.choiceOptions();
      return options ? { kind: 'choice', index: Number(index), options } : undefined;
    }
    if (next === '/') throw new Error(`snippet transforms are not supported (at ${this.pos})`);
    return undefined;
  }

  private choiceOptions(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    return undefined;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parseNodes(false);
}

/**
 * The text of a snippet with every default taken. `variables` resolves `$NAME`; an unknown
 * variable without a default becomes its own name, as VS Code inserts it.
 */
export function expandSnippet(body: string | readonly string[], variables: Readonly<Record<string, string>> = {}): string {
  const nodes = parseSnippet(typeof body === 'string' ? body : body.join('\n'));
  const defining = new Map<number, SnippetNode>();
  const collect = (list: readonly SnippetNode[]): void => {
    for (const n of list) {
      if ((n.kind === 'tabstop' && n.children) || n.kind === 'choice') {
        if (!defining.has(n.index)) defining.set(n.index, n);
      }
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) collect(n.children);
    }
  };
  collect(nodes);

  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const def = defining.get(index);
    if (index === 0 || !def || resolving.has(index)) return '';
    resolving.add(index);
    const v = def.kind === 'choice' ? def.options[0] : render((def as { children?: readonly SnippetNode[] }).children ?? []);
    resolving.delete(index);
    return v;
  };
  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'tabstop':
          case 'choice':
            return valueOf(n.index);
          case 'variable':
            return variables[n.name] ?? (n.children ? render(n.children) : n.name);
        }
      })
      .join('');
  return render(nodes);
}

/** The lines of `text` after the first, indented like the line the snippet is inserted on. */
export function indentAfterFirstLine(text: string, indent: string): string {
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
}
