/**
 * JSON patches (RFC 6902) with the semantics of the library kustomize uses (evanphx/json-patch):
 * `add` needs the parent, `remove` needs the target, `replace` adds a missing map key, `-` appends, a failed `test`
 * fails the patch. Values keep the origin of the patch text that wrote them.
 */
import { PatchError } from './merge';
import { clone, deepEqualJson, entryOf, str, toJson, type KNode, type Origin } from './tree';

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`the path ${JSON.stringify(path)} does not start with /`);
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function index(token: string, length: number, allowEnd: boolean): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`${JSON.stringify(token)} is not a list index`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new PatchError(`index ${i} is out of range`);
  return i;
}

function resolve(root: KNode, tokens: readonly string[]): KNode | undefined {
  let cur: KNode | undefined = root;
  for (const t of tokens) {
    if (!cur) return undefined;
    if (cur.kind === 'map') cur = entryOf(cur, t)?.value;
    else if (cur.kind === 'seq') {
      if (!/^(0|[1-9][0-9]*)$/.test(t)) return undefined;
      cur = cur.items[Number(t)];
    } else return undefined;
  }
  return cur;
}

function parentOf(root: KNode, tokens: readonly string[], path: string): KNode {
  const parent = resolve(root, tokens.slice(0, -1));
  if (!parent || parent.kind === 'scalar') throw new PatchError(`the parent of ${path} does not exist`);
  return parent;
}

function add(root: KNode, tokens: readonly string[], value: KNode, keyOrigin: Origin, path: string): KNode {
  if (tokens.length === 0) return value;
  const parent = parentOf(root, tokens, path);
  const last = tokens[tokens.length - 1]!;
  if (parent.kind === 'seq') parent.items.splice(index(last, parent.items.length, true), 0, value);
  else if (parent.kind === 'map') {
    const e = entryOf(parent, last);
    if (e) {
      e.value = value;
      e.keyOrigin = keyOrigin;
    } else parent.entries.push({ key: last, keyOrigin, value });
  }
  return root;
}

function remove(root: KNode, tokens: readonly string[], path: string): KNode {
  if (tokens.length === 0) throw new PatchError('cannot remove the whole object');
  const parent = parentOf(root, tokens, path);
  const last = tokens[tokens.length - 1]!;
  if (parent.kind === 'seq') parent.items.splice(index(last, parent.items.length, false), 1);
  else if (parent.kind === 'map') {
    if (!entryOf(parent, last)) throw new PatchError(`${path} does not exist`);
    parent.entries = parent.entries.filter((e) => e.key !== last);
  }
  return root;
}

/**
 * Applies the operations (`ops`: the patch document, a list) to `root`, which it edits; returns
 * the new root. Throws PatchError where kustomize fails.
 */
export function applyJsonPatch(root: KNode, ops: KNode): KNode {
  if (ops.kind !== 'seq') throw new PatchError('a JSON patch is a list of operations');
  let doc = root;
  for (const op of ops.items) {
    const name = str(entryOf(op, 'op')?.value);
    const path = str(entryOf(op, 'path')?.value);
    if (name === undefined || path === undefined) throw new PatchError('an operation needs op and path');
    const tokens = pointer(path);
    const valueEntry = entryOf(op, 'value');
    const keyOrigin = entryOf(op, 'path')!.value.origin;
    switch (name) {
      case 'add':
        if (!valueEntry) throw new PatchError('add needs a value');
        doc = add(doc, tokens, clone(valueEntry.value), keyOrigin, path);
        break;
      case 'remove':
        doc = remove(doc, tokens, path);
        break;
      case 'replace':
        if (!valueEntry) throw new PatchError('replace needs a value');
        if (tokens.length === 0) doc = clone(valueEntry.value);
        else if (!resolve(doc, tokens)) {
          // kustomize's json-patch adds a missing map key on replace (measured); a missing list element fails.
          if (resolve(doc, tokens.slice(0, -1))?.kind !== 'map') throw new PatchError(`${path} does not exist`);
          doc = add(doc, tokens, clone(valueEntry.value), keyOrigin, path);
        } else {
          doc = remove(doc, tokens, path);
          doc = add(doc, tokens, clone(valueEntry.value), keyOrigin, path);
        }
        break;
      case 'move':
      case 'copy': {
        const from = str(entryOf(op, 'from')?.value);
        if (from === undefined) throw new PatchError(`${name} needs from`);
        const fromTokens = pointer(from);
        const value = resolve(doc, fromTokens);
        if (!value) throw new PatchError(`${from} does not exist`);
        if (name === 'move') doc = remove(doc, fromTokens, from);
        doc = add(doc, tokens, name === 'copy' ? clone(value) : value, keyOrigin, path);
        break;
      }
      case 'test': {
        const actual = resolve(doc, tokens);
        if (!actual || !deepEqualJson(toJson(actual), valueEntry ? toJson(valueEntry.value) : null)) throw new PatchError(`test of ${path} failed`);
        break;
      }
      default:
        throw new PatchError(`unknown operation ${JSON.stringify(name)}`);
    }
  }
  return doc;
}
