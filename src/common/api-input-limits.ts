import type { ErrorDetail } from './app-error.js';

/** Nesting allowed in an API body: generous (catch bodies stop at 64), far below any stack limit. */
export const API_MAX_JSON_DEPTH = 100;
/** Keys in one object and items in one array of an API body. */
export const API_MAX_JSON_KEYS = 10_000;
export const API_MAX_ARRAY_ITEMS = 10_000;

/** Where the value came from, as the message names it. */
export type InputLocation = 'Request body' | 'Query';

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SHOWN_SEGMENTS = 6;
const SHOWN_KEY_LENGTH = 40;

/** One visited value: its parent's index in the walk and its own key or index. */
interface Entry {
  parent: number;
  segment: string | number;
}

/** `steps[0].input.a`, cut after a few segments (a refused path may be 100 levels long). */
function pathOf(entries: Entry[], index: number): string {
  const segments: (string | number)[] = [];
  for (let at = index; at > 0; at = entries[at].parent) segments.push(entries[at].segment);
  segments.reverse();
  const shown = segments.slice(0, SHOWN_SEGMENTS).reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const key =
      segment.length > SHOWN_KEY_LENGTH ? `${segment.slice(0, SHOWN_KEY_LENGTH)}…` : segment;
    return path ? `${path}.${key}` : key;
  }, '');
  return segments.length > SHOWN_SEGMENTS ? `${shown}…` : shown;
}

function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains U+0000 (NUL), which Flowhub cannot store: remove it';
  if (LONE_SURROGATE.test(text))
    return 'contains a lone UTF-16 surrogate (not valid Unicode): send well-formed text';
  return undefined;
}

function shapeProblem(isArray: boolean, size: number, depth: number): string | undefined {
  if (depth > API_MAX_JSON_DEPTH)
    return `is nested more than ${API_MAX_JSON_DEPTH} levels deep: flatten it`;
  if (isArray && size > API_MAX_ARRAY_ITEMS)
    return `is an array of more than ${API_MAX_ARRAY_ITEMS} items: send fewer`;
  if (!isArray && size > API_MAX_JSON_KEYS)
    return `is an object with more than ${API_MAX_JSON_KEYS} keys: send fewer`;
  return undefined;
}

/** The walk's state: a stack of containers and one entry (parent + key) per container. */
class InputWalk {
  private readonly entries: Entry[] = [{ parent: -1, segment: '' }];
  private readonly stack: { node: object; index: number; depth: number }[] = [];

  constructor(private readonly where: InputLocation) {}

  problem(index: number, message: string): ErrorDetail {
    const path = pathOf(this.entries, index);
    return { path, message: `${this.where}${path ? ` field ${path}` : ''} ${message}` };
  }

  run(root: object): ErrorDetail | undefined {
    this.stack.push({ node: root, index: 0, depth: 1 });
    while (this.stack.length > 0) {
      const found = this.visit(this.stack.pop()!);
      if (found) return found;
    }
    return undefined;
  }

  /** Checks one container and its string children; queues its containers. */
  private visit({ node, index, depth }: { node: object; index: number; depth: number }) {
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const size = keys?.length ?? (node as unknown[]).length;
    const shape = shapeProblem(keys === undefined, size, depth);
    if (shape) return this.problem(index, shape);
    for (let at = 0; at < size; at++) {
      const key = keys?.[at];
      const keyText = key === undefined ? undefined : textProblem(key);
      if (keyText) return this.problem(index, `has a key that ${keyText}`);
      const child: unknown =
        key === undefined ? (node as unknown[])[at] : (node as Record<string, unknown>)[key];
      if (typeof child !== 'string' && (typeof child !== 'object' || child === null)) continue;
      this.entries.push({ parent: index, segment: key ?? at });
      const childIndex = this.entries.length - 1;
      if (typeof child === 'object') {
        this.stack.push({ node: child, index: childIndex, depth: depth + 1 });
        continue;
      }
      const text = textProblem(child);
      if (text) return this.problem(childIndex, text);
      this.entries.pop();
    }
    return undefined;
  }
}

/**
 * The first reason a parsed API input cannot be taken as it is: nesting, size, or text that
 * PostgreSQL cannot store (U+0000, lone surrogates; in values and keys). Runs before
 * class-transformer, which recurses and would overflow the stack on deep values. Walks
 * without recursion; only containers get an entry, so paths cost nothing until shown.
 */
export function apiInputProblem(value: unknown, where: InputLocation): ErrorDetail | undefined {
  const walk = new InputWalk(where);
  if (typeof value === 'string') {
    const text = textProblem(value);
    return text ? walk.problem(0, text) : undefined;
  }
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return undefined;
  return walk.run(value);
}
