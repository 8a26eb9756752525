#!/usr/bin/env node
// Checks the import rules in dependency-rules.mjs (the architecture) over every .ts file in
// src/, plugins/ and packages/: folder rules, the layer order and cycles. Why not dependency-cruiser:
// docs/adr/0005-dependency-rules.md.
//
//   node scripts/check-deps.mjs [--root <dir>]
//
// --root checks another tree (a test's temporary copy); its dependency-rules.mjs is used when
// it has one, else this repo's. Prints each violation as
// `file -> imported file: rule: why (what to do)` (a cycle as its path, a file in no layer
// alone) and exits 1, or prints one summary line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['src', 'plugins', 'packages'];
/** Not sources: installed packages, and build output (a package dist/ holds .d.ts files). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
const MAX_CYCLES_PER_GROUP = 50;

function parseArgs(argv) {
  const at = argv.indexOf('--root');
  if (at === -1) return { root: REPO };
  if (!argv[at + 1]) throw new Error('--root needs a directory');
  return { root: resolve(argv[at + 1]) };
}

/** Every .ts file under src/, plugins/ and packages/, as repo-relative POSIX paths, sorted. */
function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(dir);
  return files.sort();
}

/** Import, `import type`, `export ... from`, `require` and `import()` specifiers of one file. */
function specifiers(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** `./a.js` -> `a.ts`, `./dir/index.js` or `./dir` -> `dir/index.ts`; undefined for packages. */
function resolveImport(root, from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.join(posix.dirname(from), specifier);
  if (base.startsWith('..')) return undefined;
  const bare = base.replace(/\.(js|ts)$/, '');
  const candidates = [`${bare}.ts`, base, `${bare}/index.ts`, `${base}/index.ts`];
  return candidates.find((path) => isFile(join(root, path)));
}

/** file -> sorted, distinct files it imports (relative imports only). */
function importGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = specifiers(text).map((s) => resolveImport(root, file, s));
    graph.set(file, [...new Set(targets.filter(Boolean))].sort());
  }
  return graph;
}

const isTestCode = (file) => file.endsWith('.spec.ts') || /(^|\/)__tests__\//.test(file);
const matches = (path, pattern) =>
  pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;

function ruleViolations(graph, rules) {
  const found = [];
  for (const [from, targets] of graph) {
    const code = isTestCode(from) ? 'test' : 'production';
    for (const rule of rules) {
      const match = rule.from.exec(from);
      if (!match || (rule.code ?? 'production') !== code) continue;
      const allow = rule.allow.map((p) => p.replace(/\$(\d)/g, (_, n) => match[Number(n)]));
      for (const to of targets) {
        if (!allow.some((pattern) => matches(to, pattern)))
          found.push({ rule, edge: `${from} -> ${to}` });
      }
    }
  }
  return found;
}

function layerViolations(graph, layers) {
  const rule = {
    name: 'layer-order',
    why: 'layers depend downward only (dependency-rules.mjs lists them, lower first)',
    fix: 'move the shared piece down, or invert the dependency (an interface or an event)',
  };
  const layerOf = (file) => layers.findIndex((pattern) => matches(file, pattern));
  const found = [];
  for (const [from, targets] of graph) {
    if (isTestCode(from)) continue;
    const own = layerOf(from);
    if (own === -1) {
      const why = 'the file is in no layer';
      found.push({ rule: { ...rule, why, fix: 'add its folder to layers' }, edge: from });
      continue;
    }
    for (const to of targets) if (layerOf(to) > own) found.push({ rule, edge: `${from} -> ${to}` });
  }
  return found;
}

/** Strongly connected groups of two or more files (Tarjan), each sorted. */
function cyclicGroups(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const groups = [];
  const visit = (file) => {
    index.set(file, index.size);
    low.set(file, index.get(file));
    stack.push(file);
    for (const to of graph.get(file) ?? []) {
      if (!index.has(to)) visit(to);
      if (stack.includes(to)) low.set(file, Math.min(low.get(file), low.get(to)));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) groups.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return groups;
}

/** Elementary cycles of one group, each once: it starts at its smallest file (`a -> b -> a`). */
function groupCycles(graph, group) {
  const cycles = [];
  const inGroup = new Set(group);
  for (const start of group) {
    const walk = (path) => {
      for (const to of graph.get(path.at(-1)) ?? []) {
        if (cycles.length >= MAX_CYCLES_PER_GROUP) return;
        if (to === start) cycles.push([...path, start].join(' -> '));
        else if (inGroup.has(to) && to > start && !path.includes(to)) walk([...path, to]);
      }
    };
    walk([start]);
  }
  return cycles;
}

function cycleViolations(graph) {
  const rule = {
    name: 'no-cycles',
    why: 'these files import each other in a circle',
    fix: 'move what they share into a new file both import',
  };
  return cyclicGroups(graph).flatMap((group) =>
    groupCycles(graph, group).map((edge) => ({ rule, edge })),
  );
}

/** Drops known violations; adds one for every known entry that no longer happens. */
function applyKnown(found, known) {
  const seen = new Set(found.map((v) => `${v.rule.name}: ${v.edge}`));
  const fresh = found.filter((v) => !known[v.rule.name]?.[v.edge]);
  const stale = Object.entries(known).flatMap(([name, entries]) =>
    Object.keys(entries)
      .filter((edge) => !seen.has(`${name}: ${edge}`))
      .map((edge) => ({
        rule: {
          name,
          why: 'this known violation no longer exists',
          fix: 'remove it from knownViolations in dependency-rules.mjs',
        },
        edge,
      })),
  );
  return [...fresh, ...stale];
}

async function loadRules(root) {
  const own = join(root, 'dependency-rules.mjs');
  const file = existsSync(own) ? own : join(REPO, 'dependency-rules.mjs');
  return import(pathToFileURL(file).href);
}

async function main() {
  const { root } = parseArgs(process.argv.slice(2));
  const { layers, rules, knownViolations } = await loadRules(root);
  const graph = importGraph(root);
  const found = [
    ...cycleViolations(graph),
    ...ruleViolations(graph, rules),
    ...layerViolations(graph, layers),
  ];
  const problems = applyKnown(found, knownViolations);
  for (const { rule, edge } of problems)
    console.error(`${edge}: ${rule.name}: ${rule.why} (${rule.fix})`);
  if (problems.length > 0) {
    console.error(`check-deps: ${problems.length} dependency rule violation(s)`);
    process.exit(1);
  }
  const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
  console.log(
    `check-deps: ${graph.size} files, ${edges} imports, no new violations (${found.length} known, see dependency-rules.mjs)`,
  );
}

await main();
