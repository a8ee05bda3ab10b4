import { Alias, Document, isAlias, isCollection, isPair, isScalar, Node, visit } from 'yaml';

/**
 * Measures of a parsed YAML document that hand-written files never come near and attacks do:
 * how deep it nests and how much its aliases expand it. Both walk the tree with an explicit
 * stack, so no input can exhaust the call stack while it is being measured.
 */

/** What each alias names. */
export type AliasTargets = Map<Alias, Node | null>;

/**
 * What every alias names (the last node with its anchor before it), in one pass. The YAML library's
 * `Alias.resolve` walks the whole document for each alias, which is quadratic in a large file full
 * of aliases. Call after the depth check: the walk recurses.
 */
export function aliasTargets(doc: Document.Parsed): AliasTargets {
  const targets: AliasTargets = new Map();
  const anchored = new Map<string, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchored.get(node.source) ?? null);
      else if ((isScalar(node) || isCollection(node)) && node.anchor) anchored.set(node.anchor, node);
    },
  });
  return targets;
}

/** A node's children as the readers see them: a collection's items (a pair's key and value), an alias's target. */
function childrenOf(node: unknown, targets: AliasTargets): unknown[] {
  if (isAlias(node)) {
    const target = targets.get(node);
    return target ? [target] : [];
  }
  if (!isCollection(node)) return [];
  return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]));
}

/** The first list or mapping nested deeper than `limit` (the root is level 1); aliases are not followed. */
export function firstNodeDeeperThan(root: unknown, limit: number): Node | null {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > limit) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * How many nodes the document has with every alias replaced by what it names, counted without
 * expanding anything (each anchored node is sized once). Stops at `cap`; an alias that names its
 * own ancestor expands without end and counts as `Infinity`.
 */
export function expandedNodeCount(doc: Document.Parsed, targets: AliasTargets, cap: number): number {
  const size = new Map<unknown, number>();
  const open = new Set<unknown>();
  const stack: { node: unknown; entered: boolean }[] = [{ node: doc.contents, entered: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (size.has(top.node)) {
      stack.pop();
      continue;
    }
    const children = childrenOf(top.node, targets);
    if (!top.entered) {
      top.entered = true;
      open.add(top.node);
      for (const child of children) {
        if (open.has(child)) return Infinity;
        if (!size.has(child)) stack.push({ node: child, entered: false });
      }
      continue;
    }
    open.delete(top.node);
    const own = top.node === null || top.node === undefined || isAlias(top.node) ? 0 : 1;
    size.set(
      top.node,
      Math.min(
        cap,
        children.reduce<number>((sum, child) => sum + (size.get(child) ?? 0), own),
      ),
    );
    stack.pop();
  }
  return size.get(doc.contents) ?? 0;
}

/** Nodes in the document as written: aliases count once, what they name is not repeated. */
export function writtenNodeCount(doc: Document.Parsed): number {
  let count = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    count++;
    if (isCollection(node)) for (const item of node.items) stack.push(...(isPair(item) ? [item.key, item.value] : [item]));
  }
  return count;
}
