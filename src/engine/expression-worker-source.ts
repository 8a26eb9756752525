/**
 * The program each expression worker thread runs, as a string for `new Worker(code, { eval:
 * true })`: a string loads the same way from ts-jest and from dist/ (tsc copies no .js/.mjs
 * file). Plain CommonJS JavaScript; `workerData.jsonataPath` is the resolved jsonata module.
 *
 * Protocol: the worker posts `{ ready: true }` once jsonata is loaded; the pool then posts
 * `{ id, source, limits, maxOutput, input, bindings }` and the worker answers
 * `{ id, ok: true, value, recycle }` or `{ id, ok: false, failure: { code, message, position,
 * token, value, limit } }`. Limits the worker itself cannot enforce (wall time inside one
 * built-in, heap) are the pool's: it terminates the thread.
 */
export const EXPRESSION_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const jsonata = require(workerData.jsonataPath);

/**
 * A runaway evaluation burns a core until the pool stops it: lower this thread's scheduling
 * priority (Linux: a thread id is a valid setpriority target) so the event loop that serves
 * HTTP and the other runs keeps its share of the CPU. Best effort elsewhere.
 */
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, workerData.nice);
} catch {
  // No per-thread priority on this platform: the pool's limits still apply.
}

const MAX_CACHED = 500;
/**
 * After a result this large (characters) the heap may stay near its limit until a full GC:
 * the pool replaces the worker rather than let the next evaluation fail for it.
 */
const RECYCLE_AFTER = 4 * 1024 * 1024;
const cache = new Map();
let builtins;

async function loadBuiltins() {
  const of = async (name) => (await jsonata('$' + name).evaluate({})).implementation;
  return { pad: await of('pad'), split: await of('split'), join: await of('join') };
}

function outputLimit(name, length, maxOutput) {
  return { code: 'FLOWHUB_OUTPUT', token: name, value: length, limit: maxOutput };
}

/**
 * JSONata's $pad builds its padding with \`new Array(width + 1).join(char)\`: 8 bytes per
 * character outside the heap limit's reach until the next GC. The same result, with repeat().
 */
function longPad(str, width, char) {
  const fill = typeof char === 'string' && char.length > 0 ? char : ' ';
  const count = Math.abs(Math.trunc(width)) - Array.from(str).length;
  if (count <= 0) return str;
  const points = Array.from(fill);
  const padding =
    fill.repeat(Math.floor(count / points.length)) + points.slice(0, count % points.length).join('');
  return width > 0 ? str + padding : padding + str;
}

/** $pad, $split and $join with their output bounded before they allocate it. */
function guard(expression, limits, maxOutput) {
  expression.registerFunction('pad', function (str, width, char) {
    if (typeof str === 'string' && Math.abs(Math.trunc(width)) > maxOutput) {
      throw outputLimit('pad', Math.abs(Math.trunc(width)), maxOutput);
    }
    return typeof str === 'string' && Math.abs(width) > 4096
      ? longPad(str, width, char)
      : builtins.pad.call(this, str, width, char);
  }, '<s-ns?:s>');
  expression.registerFunction('split', async function (str, separator, limit) {
    const cap = limits.sequence + 1;
    const bounded = limit === undefined || limit > cap ? cap : limit;
    const result = await builtins.split.call(this, str, separator, bounded);
    if (Array.isArray(result) && result.length > limits.sequence) {
      throw { code: 'D2015', value: limits.sequence };
    }
    return result;
  }, '<s-(sf)n?:a<s>>');
  expression.registerFunction('join', function (strs, separator) {
    const parts = Array.isArray(strs) ? strs : [strs];
    let length = 0;
    for (const part of parts) length += (typeof part === 'string' ? part.length : 0);
    length += Math.max(parts.length - 1, 0) * (typeof separator === 'string' ? separator.length : 0);
    if (length > maxOutput) throw outputLimit('join', length, maxOutput);
    return builtins.join.call(this, strs, separator);
  }, '<a<s>s?:s>');
}

function compiled(source, limits, maxOutput) {
  const key = limits.timeout + '|' + limits.stack + '|' + limits.sequence + '|' + maxOutput + '|' + source;
  let expression = cache.get(key);
  if (!expression) {
    expression = jsonata(source, limits);
    guard(expression, limits, maxOutput);
    cache.set(key, expression);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value);
  }
  return expression;
}

const isFunction = (value) =>
  typeof value === 'function' ||
  (typeof value === 'object' && value !== null &&
    (value._jsonata_lambda === true || value._jsonata_function === true));

/**
 * Characters the result would take as JSON (shared values counted each time, as a copy or
 * serialisation pays them), stopping past the budget.
 */
function measure(root, budget) {
  let size = 0;
  const stack = [root];
  while (stack.length > 0 && size <= budget) {
    const value = stack.pop();
    if (typeof value === 'string') size += value.length + 2;
    else if (isFunction(value)) size += 8;
    else if (Array.isArray(value)) { size += value.length + 2; for (const item of value) stack.push(item); }
    else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) { size += key.length + 4; stack.push(value[key]); }
    } else size += 8;
  }
  return size;
}

/**
 * A plain copy that can cross threads: JSONata sequences carry a \`push\` function and flags,
 * and functions cannot be cloned (a marker the pool's JSON check reports as a function).
 */
function plain(value) {
  if (isFunction(value)) return { _jsonata_function: true };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const out = {};
  for (const key of Object.keys(value)) out[key] = plain(value[key]);
  return out;
}

function failureOf(error) {
  const failure = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const pick = {};
  for (const key of ['code', 'message', 'position', 'token', 'value', 'limit']) {
    const field = failure[key];
    if (['string', 'number', 'boolean'].includes(typeof field)) pick[key] = field;
  }
  return pick;
}

async function evaluate(task) {
  const value = await compiled(task.source, task.limits, task.maxOutput).evaluate(task.input, task.bindings);
  const size = measure(value, task.maxOutput);
  if (size > task.maxOutput) throw { code: 'FLOWHUB_RESULT', limit: task.maxOutput };
  return { value: plain(value), recycle: size > RECYCLE_AFTER };
}

loadBuiltins().then((found) => {
  builtins = found;
  parentPort.postMessage({ ready: true });
});

parentPort.on('message', (task) => {
  evaluate(task)
    .then(({ value, recycle }) => parentPort.postMessage({ id: task.id, ok: true, value, recycle }))
    .catch((error) => parentPort.postMessage({ id: task.id, ok: false, failure: failureOf(error) }));
});
`;
