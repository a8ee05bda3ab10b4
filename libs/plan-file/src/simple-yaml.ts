import { LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { emptyScalar, GIVE_UP, giveUp, plainScalar, quotedScalar, SPACE } from './simple-yaml-scalars';

/**
 * A fast path for the YAML that plan files are written in: block mappings and lists, one-line plain and quoted
 * scalars, one-line flow lists and mappings of scalars, comments. It builds the same nodes (`YAMLMap`, `YAMLSeq`,
 * `Pair`, `Scalar` with `range` and `source`) and line table as the YAML library's `parseDocument`, about ten
 * times faster, so the readers cannot tell which parser ran.
 *
 * It gives up (returns `null`) at anything outside that subset or anything the library would report as an error:
 * anchors, aliases, tags, block scalars, multi-line scalars and flow collections, escapes, directives and document
 * markers, tabs, control characters, duplicate keys, odd indentation, nesting deeper than `maxDepth`. The caller
 * then parses with the library, which reports errors with their lines. So every file still gets the library's
 * answer; this only skips its work when the answer is a clean tree. `simple-yaml.spec.ts` holds the two to that.
 */
export function parseSimpleYaml(text: string, maxDepth: number): { root: Node; lineCounter: LineCounter } | null {
  if (UNSUPPORTED_TEXT.test(text)) return null;
  try {
    return new SimpleYamlParser(text, maxDepth).parse();
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

/** Characters the fast path leaves to the library: tabs, lone CR, control and non-characters, BOMs, Unicode line separators. */
const UNSUPPORTED_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern finds
  /[\u0000-\u0008\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|^(?:---|\.\.\.|%)/m;

/** Keys longer than this are left to the library (it refuses implicit keys over 1024 characters). */
const MAX_KEY_LENGTH = 1000;

class SimpleYamlParser {
  private readonly lineCounter = new LineCounter();
  /** Lines that hold a node (not blank, not only a comment): start offset, indentation, end (before CR/LF). */
  private readonly starts: number[] = [];
  private readonly indents: number[] = [];
  private readonly ends: number[] = [];
  /** Index (into the arrays above) of the next line to read. */
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    let start = 0;
    while (start <= text.length) {
      this.lineCounter.addNewLine(start);
      const newline = text.indexOf('\n', start);
      let end = newline === -1 ? text.length : newline;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      let indent = 0;
      while (start + indent < end && text.charCodeAt(start + indent) === SPACE) indent++;
      if (start + indent < end && text[start + indent] !== '#') {
        this.starts.push(start);
        this.indents.push(indent);
        this.ends.push(end);
      }
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  parse(): { root: Node; lineCounter: LineCounter } | null {
    if (this.starts.length === 0) return null;
    const root = this.block(this.indents[0], 1);
    if (this.line < this.starts.length) giveUp();
    return { root, lineCounter: this.lineCounter };
  }

  /** The list or mapping starting at `column` of the current line. */
  private block(column: number, depth: number): Node {
    if (depth > this.maxDepth) giveUp();
    return this.isSeqEntry(this.line, column) ? this.blockSeq(column, depth) : this.blockMap(column, depth);
  }

  private isSeqEntry(line: number, column: number): boolean {
    const at = this.starts[line] + column;
    return this.text[at] === '-' && (at + 1 === this.ends[line] || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Whether the next line holding a node starts a list item at `column`, a new entry at `column`, or neither. */
  private continues(column: number, seq: boolean): boolean {
    if (this.line >= this.starts.length) return false;
    const indent = this.indents[this.line];
    if (indent > column) giveUp(); // continuation of a scalar, or indentation the library decides about
    return indent === column && this.isSeqEntry(this.line, column) === seq;
  }

  private blockSeq(column: number, depth: number): YAMLSeq {
    if (depth > this.maxDepth) giveUp();
    const seq = new YAMLSeq();
    seq.range = [this.starts[this.line] + column, 0, 0];
    do {
      const line = this.line;
      const end = this.ends[line];
      const p = this.skipSpaces(this.starts[line] + column + 1, end);
      if (p === end || this.text[p] === '#') {
        this.line++;
        seq.items.push(
          this.line < this.starts.length && this.indents[this.line] > column
            ? this.block(this.indents[this.line], depth + 1)
            : emptyScalar(p),
        );
      } else if (this.isSeqEntry(line, p - this.starts[line])) {
        seq.items.push(this.blockSeq(p - this.starts[line], depth + 1)); // "- - a"
      } else if (this.keyEnd(p, end) !== -1) {
        seq.items.push(this.blockMap(p - this.starts[line], depth + 1));
      } else {
        seq.items.push(this.inlineValue(p, end, depth + 1));
        this.line++;
      }
    } while (this.continues(column, true));
    return seq;
  }

  private blockMap(column: number, depth: number): YAMLMap {
    if (depth > this.maxDepth) giveUp();
    const map = new YAMLMap();
    map.range = [this.starts[this.line] + column, 0, 0];
    const keys = new Set<unknown>();
    do {
      const line = this.line;
      const end = this.ends[line];
      const keyStart = this.starts[line] + column;
      const colon = this.keyEnd(keyStart, end);
      if (colon === -1) giveUp();
      let keyStop = colon;
      while (this.text.charCodeAt(keyStop - 1) === SPACE) keyStop--;
      const key =
        this.text[keyStart] === '"' || this.text[keyStart] === "'" ? this.quoted(keyStart, end).scalar : this.plain(keyStart, keyStop);
      if (keys.has(key.value)) giveUp(); // the library reports duplicate keys
      keys.add(key.value);
      const p = this.skipSpaces(colon + 1, end);
      let value: Node;
      if (p === end || this.text[p] === '#') {
        this.line++;
        const next = this.line;
        const nested =
          next < this.starts.length && (this.indents[next] > column || (this.indents[next] === column && this.isSeqEntry(next, column)));
        value = nested
          ? this.indents[next] > column
            ? this.block(this.indents[next], depth + 1)
            : this.blockSeq(column, depth + 1)
          : emptyScalar(p);
      } else {
        value = this.inlineValue(p, end, depth + 1);
        this.line++;
      }
      map.items.push(new Pair(key, value));
    } while (this.continues(column, false));
    return map;
  }

  /**
   * Where the `:` of a block mapping key starting at `p` is (`-1` if the line holds no key): after a one-line quoted
   * key, or the first `: ` (or final `:`) of a plain key with no comment before it.
   */
  private keyEnd(p: number, end: number): number {
    const first = this.text[p];
    if (first === '"' || first === "'") {
      const after = this.skipSpaces(this.quoted(p, end, true).end, end);
      return this.text[after] === ':' && (after + 1 === end || this.text.charCodeAt(after + 1) === SPACE) ? after : -1;
    }
    if (first === '[' || first === '{') return -1;
    for (let i = p; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x3a /* : */ && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE)) {
        if (i - p > MAX_KEY_LENGTH) giveUp();
        return i;
      }
      if (c === 0x23 /* # */ && i > p && this.text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** A value on the rest of a line: a flow collection, a quoted or a plain scalar, then nothing but a comment. */
  private inlineValue(p: number, end: number, depth: number): Node {
    const first = this.text[p];
    if (first === '[' || first === '{') {
      const { node, end: after } = first === '[' ? this.flowSeq(p, end, depth) : this.flowMap(p, end, depth);
      this.restIsComment(after, end);
      return node;
    }
    if (first === '"' || first === "'") {
      const { scalar, end: after } = this.quoted(p, end);
      this.restIsComment(after, end);
      return scalar;
    }
    let stop = end;
    for (let i = p; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x23 /* # */ && this.text.charCodeAt(i - 1) === SPACE) {
        stop = i;
        break;
      }
      if (c === 0x3a /* : */ && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE)) giveUp(); // a second key on the line
    }
    while (stop > p && this.text.charCodeAt(stop - 1) === SPACE) stop--;
    return this.plain(p, stop);
  }

  private restIsComment(p: number, end: number): void {
    const q = this.skipSpaces(p, end);
    if (q < end && (this.text[q] !== '#' || q === p)) giveUp();
  }

  private flowSeq(p: number, end: number, depth: number): { node: YAMLSeq; end: number } {
    if (depth > this.maxDepth) giveUp();
    const seq = new YAMLSeq();
    seq.flow = true;
    seq.range = [p, 0, 0];
    let q = this.skipSpaces(p + 1, end);
    if (this.text[q] === ']') return { node: seq, end: q + 1 };
    for (;;) {
      const item = this.flowScalar(q, end);
      seq.items.push(item.scalar);
      q = this.skipSpaces(item.end, end);
      if (this.text[q] === ']') return { node: seq, end: q + 1 };
      if (this.text[q] !== ',') giveUp();
      q = this.skipSpaces(q + 1, end);
    }
  }

  private flowMap(p: number, end: number, depth: number): { node: YAMLMap; end: number } {
    if (depth > this.maxDepth) giveUp();
    const map = new YAMLMap();
    map.flow = true;
    map.range = [p, 0, 0];
    const keys = new Set<unknown>();
    let q = this.skipSpaces(p + 1, end);
    if (this.text[q] === '}') return { node: map, end: q + 1 };
    for (;;) {
      const key = this.flowScalar(q, end);
      if (keys.has(key.scalar.value)) giveUp();
      keys.add(key.scalar.value);
      q = this.skipSpaces(key.end, end);
      if (this.text[q] !== ':' || this.text.charCodeAt(q + 1) !== SPACE) giveUp();
      const value = this.flowScalar(this.skipSpaces(q + 1, end), end);
      map.items.push(new Pair(key.scalar, value.scalar));
      q = this.skipSpaces(value.end, end);
      if (this.text[q] === '}') return { node: map, end: q + 1 };
      if (this.text[q] !== ',') giveUp();
      q = this.skipSpaces(q + 1, end);
    }
  }

  /** A quoted scalar, or a plain one ending before `,`, a bracket, `: ` or `:` before `,]}`. */
  private flowScalar(p: number, end: number): { scalar: Scalar; end: number } {
    const first = this.text[p];
    if (first === '"' || first === "'") return this.quoted(p, end);
    let i = p;
    for (; i < end; i++) {
      const c = this.text[i];
      if (c === ',' || c === ']' || c === '}') break;
      if (c === '[' || c === '{') giveUp();
      if (c === '#' && this.text.charCodeAt(i - 1) === SPACE) giveUp();
      if (c === ':') {
        const next = this.text[i + 1];
        if (i + 1 === end || next === ' ' || next === ',' || next === ']' || next === '}') break;
      }
    }
    let stop = i;
    while (stop > p && this.text.charCodeAt(stop - 1) === SPACE) stop--;
    return { scalar: this.plain(p, stop), end: stop };
  }

  private plain(p: number, stop: number): Scalar {
    return plainScalar(this.text, p, stop);
  }

  private quoted(p: number, end: number, probe = false): { scalar: Scalar; end: number } {
    return quotedScalar(this.text, p, end, probe);
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }
}
