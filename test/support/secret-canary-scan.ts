import type { Canary } from './secret-canary.js';

/** One thing a secret must not appear in: a response, a log line, a table row, a Redis key. */
export interface Place {
  /** `response GET /api/v1/flows 200`, `log #12`, `table public.flows`, ... */
  where: string;
  text: string;
  /** The same content as JSON (a response's headers and body), so an allowance can blank a field. */
  json?: unknown;
}

/**
 * A place where a secret is shown on purpose. Each says why; keep the list short: anything
 * not listed here is a leak.
 */
export interface Allowance {
  kind: RegExp;
  where: RegExp;
  /** The JSON field (at any depth) that may hold it; the rest of the place may not. */
  field: string;
  why: string;
}

export interface Hit {
  kind: string;
  form: string;
  where: string;
  excerpt: string;
}

/** A JSON copy with every `field` value replaced, to see whether the canary is elsewhere too. */
function without(json: unknown, field: string): unknown {
  if (Array.isArray(json)) return json.map((item) => without(item, field));
  if (typeof json !== 'object' || json === null) return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      key === field ? '[allowed]' : without(value, field),
    ]),
  );
}

function allowed(canary: Canary, place: Place, allowances: Allowance[]): boolean {
  return allowances.some((allowance) => {
    if (!allowance.kind.test(canary.kind) || !allowance.where.test(place.where)) return false;
    if (place.json === undefined) return false;
    const rest = JSON.stringify(without(place.json, allowance.field));
    return !canary.forms.some((form) => rest.includes(form.text));
  });
}

function excerpt(text: string, at: number, length: number): string {
  return text.slice(Math.max(0, at - 80), at + length + 40).replace(/\s+/g, ' ');
}

/** Every canary form found in a place, minus what an allowance covers. */
export function scan(canaries: Canary[], places: Place[], allowances: Allowance[]): Hit[] {
  const hits: Hit[] = [];
  for (const place of places) {
    for (const canary of canaries) {
      const found = canary.forms.find((form) => place.text.includes(form.text));
      if (!found || allowed(canary, place, allowances)) continue;
      const at = place.text.indexOf(found.text);
      hits.push({
        kind: canary.kind,
        form: found.name,
        where: place.where,
        excerpt: excerpt(place.text, at, found.text.length),
      });
    }
  }
  return hits;
}

/** One line per kind and place, so a failure reads as a list of leaks. */
export function describeHits(hits: Hit[]): string[] {
  const seen = new Map<string, Hit>();
  for (const hit of hits) {
    const key = `${hit.kind} in ${hit.where.replace(/#\d+/, '#n')}`;
    if (!seen.has(key)) seen.set(key, hit);
  }
  return [...seen.entries()].map(([key, hit]) => `${key} (${hit.form}): …${hit.excerpt}…`);
}
