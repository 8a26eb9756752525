// `npm run plugin:new -- <name> [--dry-run]`: scaffolds plugins/<name>/ (index.ts, one
// action, README.md, a fixture test) and registers it in plugins/index.ts. Plain Node, no
// dependencies. The generated code passes prettier, eslint and tsc as it is.
// `--plugins-dir <dir>` and `--index <file>` point it elsewhere (the tooling test uses them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PLUGIN_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;
const VERB = 'echo';
const USAGE = `usage: npm run plugin:new -- <name> [--dry-run]

  <name>                kebab-case plugin name, e.g. acme-crm (becomes plugins/<name>/)
  --dry-run             print what would be written, write nothing
  --plugins-dir <dir>   where plugin folders live (default: plugins/)
  --index <file>        the registry to add the plugin to (default: plugins/index.ts)`;

const RESERVED = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else ' +
    'enum eval export extends false finally for function if implements import in instanceof ' +
    'interface let new null package private protected public return static super switch this ' +
    'throw true try typeof undefined var void while with yield'
  ).split(' '),
);

class UsageError extends Error {
  constructor(message, showUsage = false) {
    super(message);
    this.showUsage = showUsage;
  }
}

function parseArgs(argv) {
  const options = { dryRun: false, pluginsDir: undefined, index: undefined, help: false };
  const names = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`, true);
      return next;
    };
    if (flag === '--dry-run') options.dryRun = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--plugins-dir') options.pluginsDir = value();
    else if (flag === '--index') options.index = value();
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`, true);
    else names.push(arg);
  }
  if (names.length > 1) throw new UsageError(`give one plugin name, not ${names.length}`, true);
  return { ...options, name: names[0] };
}

function nameProblem(name) {
  if (name === undefined) return 'a plugin name is required, e.g. npm run plugin:new -- acme-crm';
  if (!PLUGIN_NAME.test(name))
    return `plugin name must be kebab-case, e.g. acme-crm (lower-case letters and digits, words joined by single hyphens, starting with a letter); got '${name}'`;
  if (name.length > MAX_NAME_LENGTH)
    return `plugin name must be at most ${MAX_NAME_LENGTH} characters; got ${name.length}`;
  return undefined;
}

const words = (name) => name.split('-');
const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);
const displayNameOf = (name) => words(name).map(capitalize).join(' ');
const camelCaseOf = (name) =>
  words(name)
    .map((word, i) => (i === 0 ? word : capitalize(word)))
    .join('');

/** import path from the registry file to the plugin's index.ts, always './x/y.js' style. */
function importPath(indexFile, pluginDir) {
  const path = relative(dirname(indexFile), join(pluginDir, 'index.js')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

const IMPORT_LINE = /^import\b[^;]*;[ \t]*$/gm;
const ARRAY = /(export const BUILT_IN_PLUGINS\b[^=]*=\s*\[)([\s\S]*?)(\];)/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The list, laid out as prettier would: one line when it fits in 100 columns, else one per line. */
function renderArray(head, items, tail) {
  const oneLine = `${head}${items.join(', ')}${tail}`;
  if (oneLine.length <= 100) return oneLine;
  return `${head}\n${items.map((item) => `  ${item},`).join('\n')}\n${tail}`;
}

/** plugins/index.ts with the import added after the last import and the plugin appended. */
function registerIn(source, indexFile, identifier, from) {
  if (source.includes(`'${from}'`)) throw new Error(`${indexFile} already imports '${from}'`);
  const array = ARRAY.exec(source);
  const imports = [...source.matchAll(IMPORT_LINE)];
  if (!array || imports.length === 0) {
    throw new Error(
      `could not find the import lines and "export const BUILT_IN_PLUGINS = [...]" in ${indexFile}; nothing was written`,
    );
  }
  const lastImport = imports[imports.length - 1];
  const at = lastImport.index + lastImport[0].length;
  const importLine = `import { ${identifier} } from '${from}';`;
  const withImport = `${source.slice(0, at)}\n${importLine}${source.slice(at)}`;
  const [whole, head, body, tail] = ARRAY.exec(withImport);
  const items = body
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  let list;
  if (items.every((item) => IDENTIFIER.test(item) || /^\.\.\.[\w$.]+$/.test(item))) {
    list = renderArray(head, [...items, identifier], tail);
  } else {
    // Comments or expressions in the list: keep them as they are, add one line at the end.
    const kept = body.replace(/\s*$/, '');
    const comma = kept === '' || kept.trim().endsWith(',') || kept.trim().endsWith('[') ? '' : ',';
    list = `${head}${kept}${comma}\n  ${identifier},\n${tail}`;
  }
  const index = withImport.indexOf(whole);
  return withImport.slice(0, index) + list + withImport.slice(index + whole.length);
}

function identifierFor(name, indexSource) {
  const camel = camelCaseOf(name);
  const taken = new RegExp(`\\b${camel.replace(/\$/g, '\\$')}\\b`).test(indexSource);
  return RESERVED.has(camel) || taken ? `${camel}Plugin` : camel;
}

const PAD = (cells, widths) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;

/** A markdown table laid out as prettier does (columns padded, a dash row). */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(3, ...rows.map((row) => row[i].length)));
  const [header, ...body] = rows;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [PAD(header, widths), rule, ...body.map((row) => PAD(row, widths))].join('\n');
}

function files({ name, identifier }) {
  const displayName = displayNameOf(name);
  const ref = `${name}.${VERB}`;
  // Input class names must be unique across plugins: GET /api/v1/plugins builds each JSON
  // Schema from class-validator metadata keyed by class name.
  const Input = `${words(name).map(capitalize).join('')}${capitalize(VERB)}Input`;
  const Output = `${capitalize(VERB)}Output`;
  const url = `https://api.${name}.example/v1/echo`;
  const message = `Hello from ${name}`;

  const index = `import { definePlugin } from '@flowhub/plugin-sdk';
import { ${VERB} } from './actions/${VERB}.action.js';

export const ${identifier} = definePlugin({
  name: '${name}',
  version: '1.0.0',
  displayName: '${displayName}',
  description: 'Describe what this connector connects Flowhub to.',
  actions: { ${VERB} },
});
`;

  const action = `import { IsString, IsUrl } from '@flowhub/plugin-sdk/validators';
import { defineAction, FatalError } from '@flowhub/plugin-sdk';

/**
 * Validated by the host after the step's mapping; unknown fields are refused. The class name
 * is unique across plugins (the plugin catalogue keys input schemas by class name).
 */
export class ${Input} {
  @IsUrl({ require_tld: false }, { message: 'url must be a URL' })
  url: string;

  @IsString({ message: 'message must be a string' })
  message: string;
}

export interface ${Output} {
  message: string;
}

/**
 * Sends the message to an echo endpoint and returns what it answers. Replace it with a real
 * action: call the provider through \`ctx.http\` (the egress client) and throw FatalError /
 * RetryableError from the SDK.
 */
export const ${VERB} = defineAction<${Input}, ${Output}>({
  displayName: 'Echo',
  description: 'Sends a message to an echo endpoint and returns its answer (a starting point).',
  input: ${Input},
  // Shown by GET /api/v1/plugins; \`url: true\` makes the host check it when a flow is saved.
  inputFields: {
    url: {
      description: 'The echo endpoint',
      example: '${url}',
      url: true,
    },
    message: { description: 'Any text', example: '${message}' },
  },
  sideEffects: false,
  run: async ({ input, http, signal }) => {
    const response = await http.request({
      method: 'POST',
      url: input.url,
      body: { message: input.message },
      signal,
    });
    const body = response.body as { message?: unknown };
    if (typeof body?.message !== 'string') throw new FatalError('the echo answer has no message');
    return { message: body.message };
  },
});
`;

  const spec = `import { readFileSync } from 'node:fs';
import { runActionFixture, type ActionFixture } from '@flowhub/plugin-sdk/testing';
import { registry, validInput } from '../../__tests__/action-context.js';
import { ${VERB} } from '../actions/${VERB}.action.js';

const ACTION = '${ref}';

/** \`{input, http: [{request, response}], expected}\`, replayed with the network off. */
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/${VERB}.json', import.meta.url), 'utf8'),
) as ActionFixture;

describe(ACTION, () => {
  it('makes the recorded request and returns the expected output (network off)', async () => {
    await runActionFixture(${VERB}, fixture, { input: (plain) => validInput(ACTION, plain) });
  });

  it('refuses an input without a message', async () => {
    expect(await registry.validateInput(ACTION, { url: fixture.input.url })).toEqual({
      ok: false,
      problems: [{ path: 'message', message: 'message must be a string' }],
    });
  });

  it('has no side effects, so dry-run still calls it', () => {
    expect(registry.getAction(ACTION)?.action.sideEffects).toBe(false);
  });
});
`;

  const exchange = {
    request: { method: 'POST', url, body: { message } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { message } },
  };
  const fixture = `${JSON.stringify({ input: { url, message }, http: [exchange], expected: { message } }, null, 2)}
`;

  const readme = `# ${name}

${displayName}: describe what this connector does and which API it calls.

## ${ref} — Echo

Sends \`{ message }\` to \`url\` (\`POST\`, JSON) and returns the \`message\` the endpoint answers.
\`sideEffects: false\` (dry-run still calls it); no default retry policy (a step's \`retry\`
applies, else Flowhub's default). \`url\` is declared \`url: true\` in \`inputFields\`, so a
flow whose \`url\` the egress guard would refuse is rejected when it is saved.

${table([
  ['input', 'type', 'required', 'notes'],
  ['`url`', 'string', 'yes', 'the echo endpoint (a URL input)'],
  ['`message`', 'string', 'yes', 'any text'],
])}

${table([
  ['output', 'type', 'notes'],
  ['`message`', 'string', "the endpoint's `message`"],
])}

Errors: an input without a string \`message\` fails the step at once (not retried); an answer
without a \`message\` is a FatalError; 429 and 5xx answers are retried.

Tests: \`__tests__/${VERB}.action.spec.ts\` replays \`__tests__/fixtures/${VERB}.json\`
(\`input\`, the recorded \`http\` exchange, \`expected\`) with \`runActionFixture\` from
\`@flowhub/plugin-sdk/testing\`, network off.
`;

  return [
    ['index.ts', index],
    [`actions/${VERB}.action.ts`, action],
    ['README.md', readme],
    [`__tests__/${VERB}.action.spec.ts`, spec],
    [`__tests__/fixtures/${VERB}.json`, fixture],
  ];
}

function nextSteps(name, pluginDir, indexFile) {
  const shown = (path) => relative(process.cwd(), path) || '.';
  return `
Next steps:
  1. Rename and rewrite ${shown(join(pluginDir, 'actions', `${VERB}.action.ts`))}: input class,
     sideEffects, retry, run(ctx). Add actions to the plugin's actions in index.ts.
  2. Record fixtures in ${shown(join(pluginDir, '__tests__', 'fixtures'))}/ and run them:
       npm test -- ${shown(pluginDir)}
  3. Needs credentials? Add connection: { fields, secretFields, test } to index.ts.
  4. Describe each action's input, output and errors in ${shown(join(pluginDir, 'README.md'))}.
  5. npm run check   (prettier, eslint --max-warnings=0, tsc --noEmit)
  Guide: docs/writing-a-plugin.md. The plugin '${name}' is registered in ${shown(indexFile)}.`;
}

function main(argv) {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const problem = nameProblem(args.name);
  if (problem) throw new UsageError(problem, args.name === undefined);
  const { name } = args;
  const pluginsDir = resolve(args.pluginsDir ?? join(ROOT, 'plugins'));
  const indexFile = resolve(args.index ?? join(pluginsDir, 'index.ts'));
  const pluginDir = join(pluginsDir, name);
  if (existsSync(pluginDir)) {
    throw new UsageError(
      `plugin '${name}' already exists (${relative(process.cwd(), pluginDir) || pluginDir}); pick another name`,
    );
  }
  if (!existsSync(indexFile)) throw new UsageError(`the plugin registry ${indexFile} is missing`);
  const source = readFileSync(indexFile, 'utf8');
  const identifier = identifierFor(name, source);
  const registry = registerIn(source, indexFile, identifier, importPath(indexFile, pluginDir));
  const planned = files({ name, identifier }).map(([path, text]) => [join(pluginDir, path), text]);

  if (args.dryRun) {
    for (const [path, text] of planned) console.log(`--- ${path} (would create)\n${text}`);
    console.log(`--- ${indexFile} (would update)\n${registry}`);
    console.log('Dry run: nothing was written.');
    return;
  }
  for (const [path, text] of planned) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
    console.log(`created ${relative(process.cwd(), path)}`);
  }
  writeFileSync(indexFile, registry);
  console.log(`updated ${relative(process.cwd(), indexFile)}`);
  console.log(nextSteps(name, pluginDir, indexFile));
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`plugin:new: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError && error.showUsage) console.error(`\n${USAGE}`);
  process.exitCode = 1;
}
