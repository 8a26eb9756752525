import { route } from '../common/links.js';
/**
 * Save-time checks that keep credentials out of stored flows: a credential written as a
 * literal in `map`, a user name or password in a static url, a credential parameter in a
 * static url's query, and a credential typed into a static input that has no origin to be
 * bound to once it is moved into a named secret.
 */
import type { FlowDefinition, StepDefinition } from '../engine/flow-definition.js';
import { literalCredentials, mayWriteKey } from '../engine/literal-credentials.js';
import type { FlowProblem } from '../engine/validate-flow.js';
import { findLiterals } from '../named-secrets/literal-secrets.service.js';
import { parseOrigin } from '../named-secrets/secret-origins.js';
import {
  isCredentialHeader,
  isCredentialQueryKey,
  type ActionDefinition,
} from '@flowhub/plugin-sdk';

type Lookup = (action: string) => ActionDefinition | undefined;

const USE_SECRET = `create a named secret with hosts (${route('POST', '/secrets')}) and write $secrets.NAME in map, or use an http connection`;

/** A credential written as a string literal in `map` would be stored in clear: refused. */
export function mapLiteralProblems(definition: FlowDefinition, actionOf: Lookup): FlowProblem[] {
  return definition.steps.flatMap((step, index) => {
    const declared = actionOf(step.action);
    if (!declared || step.map === undefined) return [];
    return literalCredentials(step.map, declared, isCredentialHeader, isCredentialQueryKey).map(
      (where) => ({
        path: `steps[${index}].map`,
        message:
          `sets ${where} from a string literal, which would be stored in clear: store the value ` +
          `with ${route('POST', '/secrets')} and write $secrets.NAME, or use an http connection`,
      }),
    );
  });
}

function staticUrl(step: StepDefinition, declared: ActionDefinition): URL | undefined {
  const path = declared.destinationInput?.split('.') ?? [];
  const value = path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined,
    step.input,
  );
  return typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
}

function urlProblem(url: URL): string | undefined {
  if (url.username || url.password) {
    return (
      'holds a user name or password (https://user:pass@host), which would be stored in clear: ' +
      'use an http connection with auth basic, or a named secret in an Authorization header'
    );
  }
  const key = [...url.searchParams.keys()].find(isCredentialQueryKey);
  if (key === undefined) return undefined;
  return (
    `has the credential parameter '${key}' in its query, which would be stored in clear: put it ` +
    `in query (a value typed there is moved into a named secret) or ${USE_SECRET}`
  );
}

function bindingProblem(
  step: StepDefinition,
  declared: ActionDefinition,
  allowHosts: readonly string[],
): string | undefined {
  const literals = findLiterals('x', step, declared).map((found) => found.keys.join('.'));
  if (literals.length === 0) return undefined;
  const what = `holds ${literals.join(', ')} typed in clear, which is moved into a named secret bound to the origin of the step's url`;
  const url = staticUrl(step, declared);
  const key = declared.destinationInput?.split('.')[0] ?? 'url';
  if (!url || (step.map !== undefined && mayWriteKey(step.map, key)))
    return `${what}; but the url is not static (the map may set it), so there is none: ${USE_SECRET}`;
  const parsed = parseOrigin(url.origin, allowHosts);
  return 'problem' in parsed ? `${what}; but ${parsed.problem}` : undefined;
}

/** The static-url and moved-literal problems of each step that declares its destination. */
export function destinationProblems(
  definition: FlowDefinition,
  actionOf: Lookup,
  allowHosts: readonly string[],
): FlowProblem[] {
  return definition.steps.flatMap((step, index) => {
    const declared = actionOf(step.action);
    if (!declared?.destinationInput) return [];
    const problems: FlowProblem[] = [];
    const url = staticUrl(step, declared);
    const inUrl = url && urlProblem(url);
    if (inUrl)
      problems.push({ path: `steps[${index}].input.${declared.destinationInput}`, message: inUrl });
    const binding = bindingProblem(step, declared, allowHosts);
    if (binding) problems.push({ path: `steps[${index}].input`, message: binding });
    return problems;
  });
}
