import { jsonLanguage } from '@codemirror/lang-json';
import type { syntaxTree } from '@codemirror/language';

type SyntaxNode = ReturnType<typeof syntaxTree>['topNode'];

/** One segment of a problem's path: a property name or an array index. */
export type PathSegment = string | number;

/** Where a problem is in the text, and which part of its path the text has. */
export interface ProblemRange {
  from: number;
  to: number;
  /** The path of the node found: the problem's own, or its nearest parent that exists. */
  found: string;
  /** False when the path's node is missing and the range is its nearest parent's. */
  exact: boolean;
}

const VALUES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

/** `steps[1].map` -> ['steps', 1, 'map']; `[0]` -> [0]; `` -> [] (the whole definition). */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    segments.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  }
  return segments;
}

/** ['steps', 1, 'map'] -> `steps[1].map` (the server's notation). */
export function formatPath(segments: PathSegment[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

const isValue = (node: SyntaxNode | null): node is SyntaxNode =>
  node !== null && VALUES.has(node.name);

function children(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
  return found;
}

function keyOf(name: SyntaxNode, text: string): string {
  const raw = text.slice(name.from, name.to);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.replace(/^"|"$/g, ''); // an unfinished string: its characters
  }
}

/** An object's properties by name (the last one wins, as JSON.parse has it). */
function propertiesOf(object: SyntaxNode, text: string): Map<string, SyntaxNode> {
  const properties = new Map<string, SyntaxNode>();
  for (const property of object.getChildren('Property')) {
    const name = property.getChild('PropertyName');
    if (name) properties.set(keyOf(name, text), property);
  }
  return properties;
}

interface Step {
  node: SyntaxNode;
  /** The property holding the value, when the value is an object's. */
  property?: SyntaxNode;
  /** How many path segments this step used (a key with dots in it uses several). */
  used: number;
}

/** The property of `object` named by segments[i] (or by several joined with dots: `a.b`). */
function propertyStep(object: SyntaxNode, segments: PathSegment[], i: number, text: string) {
  const properties = propertiesOf(object, text);
  for (let end = i + 1; end <= segments.length; end++) {
    const part = segments.slice(i, end);
    if (part.some((s) => typeof s !== 'string')) break;
    const property = properties.get(part.join('.'));
    if (property) return { property, used: end - i };
  }
  return undefined;
}

function nextStep(node: SyntaxNode, segments: PathSegment[], i: number, text: string) {
  const segment = segments[i];
  if (node.name === 'Array' && typeof segment === 'number') {
    const item = children(node).filter(isValue)[segment];
    return item ? ({ node: item, used: 1 } as Step) : undefined;
  }
  if (node.name !== 'Object') return undefined;
  const found = propertyStep(node, segments, i, text);
  if (!found) return undefined;
  const value = found.property.lastChild;
  // `"key":` with no value yet: the property itself
  const target = isValue(value) ? value : found.property;
  return { node: target, property: found.property, used: found.used } as Step;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/**
 * The text to mark for a node: a scalar itself; an object or array by its property name,
 * or (an array item, the whole text) its first line.
 */
function markOf(step: Step, text: string): { from: number; to: number } {
  const { node, property } = step;
  if (node.name !== 'Object' && node.name !== 'Array') return { from: node.from, to: node.to };
  const name = property?.getChild('PropertyName');
  if (name) return { from: name.from, to: name.to };
  return { from: node.from, to: Math.min(node.to, lineEnd(text, node.from)) };
}

/** The root value of a parsed JSON text, if it has one. */
function rootOf(text: string): SyntaxNode | undefined {
  const top = jsonLanguage.parser.parse(text).topNode;
  return children(top).find((child) => isValue(child));
}

/**
 * Where the node at a server problem's path (`steps[1].map`) is in a JSON text, walking the
 * Lezer JSON syntax tree (so it works on text that no longer parses). A path the text lacks
 * falls back to its nearest parent that exists; with no JSON value at all, the start.
 */
export function problemRange(text: string, path: string): ProblemRange {
  const root = rootOf(text);
  if (!root)
    return { from: 0, to: Math.min(text.length, lineEnd(text, 0)), found: '', exact: false };
  const segments = parsePath(path);
  let step: Step = { node: root, used: 0 };
  let i = 0;
  while (i < segments.length) {
    const next = nextStep(step.node, segments, i, text);
    if (!next) break;
    step = next;
    i += next.used;
  }
  return {
    ...markOf(step, text),
    found: formatPath(segments.slice(0, i)),
    exact: i === segments.length,
  };
}
