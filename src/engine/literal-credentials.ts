/**
 * Save-time best effort: where a `map` expression writes a credential from a string literal,
 * which would then sit in clear in the stored flow. Found in the parsed tree: object
 * constructors anywhere under the container key (`headers`, `sign`, `query`), including inside
 * function arguments such as `$merge([...])`, with variables bound in blocks
 * (`$t := 'Bearer abc'`) followed to what they are bound to. Not seen: a credential built
 * from numbers or computed key names. The run record is safe regardless: it is resolved with
 * `$secrets` bound to marks, and credential headers are redacted.
 */
import { parseAst, walk, type AstNode } from './expression-references.js';

export interface CredentialDeclarations {
  /** Dot paths of secret inputs (`sign.secret`). */
  secretInputs?: string[];
  /** Dot paths of header maps (`headers`): their credential headers. */
  credentialHeaderInputs?: string[];
  /** Dot paths of query maps (`query`): their credential parameters. */
  credentialQueryInputs?: string[];
}

type Pair = [AstNode, AstNode];
type Binds = Map<string, AstNode[]>;

/** An auth scheme word alone ('Bearer ', 'Basic ') is not a credential. */
const SCHEME_ONLY = /^\s*(bearer|basic|token|bot|digest|apikey|key)?\s*$/i;

function pairsOf(node: AstNode): Pair[] {
  if (!Array.isArray(node.lhs)) return [];
  return (node.lhs as unknown[]).filter(
    (pair): pair is Pair => Array.isArray(pair) && pair.length === 2,
  );
}

/** `$name := value` anywhere in the tree, by name (scopes are not told apart: best effort). */
function bindsOf(ast: unknown): Binds {
  const binds: Binds = new Map();
  walk(ast, (node) => {
    const target = node.lhs as AstNode | undefined;
    if (node.type !== 'bind' || target?.type !== 'variable' || !node.rhs) return;
    const name = String(target.value);
    binds.set(name, [...(binds.get(name) ?? []), node.rhs]);
  });
  return binds;
}

/** Every node under `root`, a variable standing for what it is bound to. */
function walkBound(root: unknown, binds: Binds, visit: (node: AstNode) => void): void {
  const followed = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    walk(pending.pop(), (node) => {
      visit(node);
      const name = node.type === 'variable' ? String(node.value) : undefined;
      if (name === undefined || followed.has(name) || !binds.has(name)) return;
      followed.add(name);
      pending.push(...(binds.get(name) ?? []));
    });
  }
}

function holdsLiteral(node: AstNode, binds: Binds): boolean {
  let found = false;
  walkBound(node, binds, (child) => {
    if (child.type === 'string' && !SCHEME_ONLY.test(String(child.value))) found = true;
  });
  return found;
}

/** The value nodes of object-constructor pairs with a key `key`, anywhere under `roots`. */
function valuesUnder(roots: unknown[], key: (name: string) => boolean, binds: Binds) {
  const found: [string, AstNode][] = [];
  for (const root of roots) {
    walkBound(root, binds, (node) => {
      for (const [name, value] of pairsOf(node)) {
        if (name?.type === 'string' && key(String(name.value)))
          found.push([String(name.value), value]);
      }
    });
  }
  return found;
}

/** Containers at a dot path: `headers` under the root, then each key below it. */
function containersAt(ast: unknown, keys: string[], binds: Binds): unknown[] {
  return keys.reduce<unknown[]>(
    (roots, key) => valuesUnder(roots, (name) => name === key, binds).map(([, value]) => value),
    [ast],
  );
}

function literalsAt(
  ast: unknown,
  path: string,
  leaf: (name: string) => boolean,
  binds: Binds,
): string[] {
  const keys = path.split('.');
  return valuesUnder(containersAt(ast, keys, binds), leaf, binds)
    .filter(([, value]) => holdsLiteral(value, binds))
    .map(([name]) => `${path}.${name}`);
}

/**
 * Where a `map` writes a credential from a string literal: at a secret input path
 * (`sign.secret`), a credential header of a header map (`headers.Authorization`) or a
 * credential parameter of a query map (`query.api_key`). The save refuses such a map.
 */
export function literalCredentials(
  source: string,
  declared: CredentialDeclarations,
  isCredentialHeader: (name: string) => boolean,
  isCredentialQueryKey: (name: string) => boolean = () => false,
): string[] {
  const ast = parseAst(source);
  if (ast === undefined) return [];
  const binds = bindsOf(ast);
  const found = new Set<string>();
  for (const path of declared.secretInputs ?? []) {
    const keys = path.split('.');
    const leaf = keys.pop() ?? '';
    const parent = keys.join('.');
    const hits = parent
      ? literalsAt(ast, parent, (name) => name === leaf, binds)
      : valuesUnder([ast], (name) => name === leaf, binds)
          .filter(([, value]) => holdsLiteral(value, binds))
          .map(([name]) => name);
    if (hits.length > 0) found.add(path);
  }
  for (const path of declared.credentialHeaderInputs ?? [])
    literalsAt(ast, path, isCredentialHeader, binds).forEach((hit) => found.add(hit));
  for (const path of declared.credentialQueryInputs ?? [])
    literalsAt(ast, path, isCredentialQueryKey, binds).forEach((hit) => found.add(hit));
  return [...found];
}

/** The last expression of a block, through nested blocks. */
function resultOf(node: AstNode | undefined): AstNode | undefined {
  let current = node;
  while (current?.type === 'block') current = current.expressions?.at(-1);
  return current;
}

/**
 * Whether a `map` may set `key` of the step's input: false only when it returns an object
 * constructor whose keys are all string literals other than `key`.
 */
export function mayWriteKey(source: string, key: string): boolean {
  const result = resultOf(parseAst(source) as AstNode | undefined);
  if (result?.type !== 'unary' || result.value !== '{') return true;
  return pairsOf(result).some(([name]) => name?.type !== 'string' || name.value === key);
}
