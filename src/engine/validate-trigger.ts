import { compileExpression, ExpressionSyntaxError, usesVariable } from './expressions.js';
import { RESPOND_TIMEOUT_MS, type FlowDefinition } from './flow-definition.js';
import { scheduleProblems } from './schedule.js';
import { closest } from './suggest.js';
import type { FlowProblem } from './flow-problem.js';
import { VERIFY_PRESETS, type VerifyDefinition } from './verify-presets.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HMAC_ONLY = [
  'algorithm',
  'encoding',
  'prefix',
  'template',
  'timestampHeader',
  'timestampUnit',
  'idHeader',
  'secretEncoding',
] as const;
const PLACEHOLDER = /\{([^}]*)\}/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function syntaxProblem(source: string, path: string): FlowProblem | undefined {
  try {
    compileExpression(source, path);
    return undefined;
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return { path, message: `JSONata syntax error at position ${error.position}: ${error.detail}` };
  }
}

function headerProblem(value: unknown, path: string): FlowProblem | undefined {
  if (typeof value === 'string' && HEADER_NAME.test(value)) return undefined;
  return { path, message: `'${String(value)}' is not an HTTP header name` };
}

function templateProblems(verify: VerifyDefinition): FlowProblem[] {
  const template = verify.template ?? '{body}';
  const path = 'trigger.verify.template';
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
  const problems: FlowProblem[] = names
    .filter((name) => !['body', 'timestamp', 'id'].includes(name))
    .map((name) => ({
      path,
      message: `unknown placeholder {${name}}: use {body}, {timestamp}, {id}`,
    }));
  if (!names.includes('body'))
    problems.push({ path, message: 'must contain {body}: the signature has to cover the body' });
  if (names.includes('timestamp') && !verify.timestampHeader)
    problems.push({ path: 'trigger.verify.timestampHeader', message: 'required by {timestamp}' });
  if (names.includes('id') && !verify.idHeader)
    problems.push({ path: 'trigger.verify.idHeader', message: 'required by {id}' });
  return problems;
}

/** A base64 (or whsec_ + base64) secret must decode; a malformed one can never verify anything. */
function secretProblem(verify: VerifyDefinition & { secret?: unknown }): FlowProblem | undefined {
  const { secret } = verify;
  if (typeof secret !== 'string') return undefined;
  const encoding =
    verify.preset === 'standard-webhooks'
      ? 'whsec'
      : verify.preset === 'hmac'
        ? verify.secretEncoding
        : 'utf8';
  if (encoding === undefined || encoding === 'utf8') return undefined;
  const encoded = encoding === 'whsec' ? secret.replace(/^whsec_/, '') : secret;
  if (encoded.length > 0 && BASE64.test(encoded)) return undefined;
  return {
    path: 'trigger.verify.secret',
    message:
      encoding === 'whsec'
        ? 'must be whsec_ followed by base64 (as the sender shows it)'
        : 'must be base64 (secretEncoding is base64)',
  };
}

function verifyProblems(verify: VerifyDefinition): FlowProblem[] {
  if (!VERIFY_PRESETS.includes(verify.preset)) {
    const suggestion = closest(String(verify.preset), [...VERIFY_PRESETS]);
    const hint = suggestion
      ? `did you mean ${suggestion}?`
      : `use one of ${VERIFY_PRESETS.join(', ')}`;
    return [
      { path: 'trigger.verify.preset', message: `unknown preset '${verify.preset}' (${hint})` },
    ];
  }
  const problems: FlowProblem[] = [];
  const secret = secretProblem(verify);
  if (secret) problems.push(secret);
  if (verify.preset !== 'hmac') {
    for (const field of HMAC_ONLY.filter((name) => verify[name] !== undefined))
      problems.push({ path: `trigger.verify.${field}`, message: 'applies to preset hmac only' });
  }
  if (verify.preset !== 'hmac' && verify.preset !== 'static-token' && verify.header !== undefined)
    problems.push({
      path: 'trigger.verify.header',
      message: 'applies to presets hmac and static-token only',
    });
  if (verify.basicAuth !== undefined && verify.preset !== 'static-token')
    problems.push({
      path: 'trigger.verify.basicAuth',
      message: 'applies to preset static-token only',
    });
  if (verify.preset === 'static-token' && verify.basicAuth && verify.header !== undefined)
    problems.push({
      path: 'trigger.verify.header',
      message: 'give either header or basicAuth, not both',
    });
  for (const field of ['header', 'timestampHeader', 'idHeader'] as const) {
    const problem =
      verify[field] === undefined
        ? undefined
        : headerProblem(verify[field], `trigger.verify.${field}`);
    if (problem) problems.push(problem);
  }
  if (verify.preset === 'hmac') {
    if (verify.header === undefined)
      problems.push({
        path: 'trigger.verify.header',
        message: 'required: the header that carries the signature',
      });
    problems.push(...templateProblems(verify));
  }
  return problems;
}

function dedupeProblems(trigger: FlowDefinition['trigger']): FlowProblem[] {
  const { dedupe } = trigger;
  if (dedupe === undefined || dedupe === false) return [];
  const path = 'trigger.dedupe';
  if (typeof dedupe === 'object' && dedupe !== null) {
    const problem = headerProblem(dedupe.header, `${path}.header`);
    return problem ? [problem] : [];
  }
  if (typeof dedupe !== 'string')
    return [{ path, message: 'must be a JSONata expression, {"header": "<name>"} or false' }];
  return expressionProblems(dedupe, path, 'dedupe');
}

function expressionProblems(source: string, path: string, field: string): FlowProblem[] {
  const syntax = syntaxProblem(source, path);
  if (syntax) return [syntax];
  if (usesVariable(source, 'steps'))
    return [{ path, message: `cannot use $steps: the ${field} runs before any step` }];
  return [];
}

/** trigger.respond: a bounded wait, and a reply step that exists. */
function respondProblems({ trigger, steps }: FlowDefinition): FlowProblem[] {
  const { respond } = trigger;
  if (respond === undefined) return [];
  const problems: FlowProblem[] = [];
  if (respond.mode !== 'sync' && respond.mode !== 'async')
    problems.push({ path: 'trigger.respond.mode', message: 'must be sync or async' });
  const { timeoutMs, from } = respond;
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= RESPOND_TIMEOUT_MS.max)
  )
    problems.push({
      path: 'trigger.respond.timeoutMs',
      message: `must be whole milliseconds from 1 to ${RESPOND_TIMEOUT_MS.max} (a sender waits at most 30 s)`,
    });
  if (from !== undefined && !steps.some((step) => step.id === from)) {
    const suggestion = closest(
      String(from),
      steps.map((step) => step.id),
    );
    problems.push({
      path: 'trigger.respond.from',
      message: `no step '${String(from)}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}: name the step whose output is the reply`,
    });
  }
  return problems;
}

/** What only a catch URL has, and what only a schedule has. */
const WEBHOOK_ONLY = [
  'verify',
  'dedupe',
  'handshake',
  'allowIps',
  'maxBodyBytes',
  'rateLimit',
  'respond',
];
const SCHEDULE_ONLY = ['cron', 'timezone', 'every', 'overlap', 'catchUp'];

function misplaced(trigger: FlowDefinition['trigger'], fields: string[]): FlowProblem[] {
  const other = trigger.type === 'schedule' ? 'webhook' : 'schedule';
  return fields
    .filter((field) => (trigger as unknown as Record<string, unknown>)[field] !== undefined)
    .map((field) => ({
      path: `trigger.${field}`,
      message: `applies to trigger type ${other} only, not ${trigger.type}`,
    }));
}

/**
 * Problems of the trigger, each with its path: a webhook's verify, dedupe and filter, a
 * schedule's timing (scheduleProblems); options of the other type are named.
 */
export function triggerProblems(definition: FlowDefinition): FlowProblem[] {
  const { trigger } = definition;
  if (trigger.type === 'schedule') {
    const problems = [...misplaced(trigger, WEBHOOK_ONLY), ...scheduleProblems(trigger)];
    if (trigger.filter !== undefined)
      problems.push(...expressionProblems(trigger.filter, 'trigger.filter', 'filter'));
    return problems;
  }
  if (trigger.type !== 'webhook') return [];
  const problems = misplaced(trigger, SCHEDULE_ONLY);
  if (trigger.verify) problems.push(...verifyProblems(trigger.verify));
  problems.push(...dedupeProblems(trigger), ...respondProblems(definition));
  if (trigger.filter !== undefined)
    problems.push(...expressionProblems(trigger.filter, 'trigger.filter', 'filter'));
  return problems;
}
