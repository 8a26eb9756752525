import type { CrmRecord } from './fake-zoho-crm.js';
import type { Reply } from './fake-zoho.js';

type Predicate = (record: CrmRecord) => boolean;

class InvalidCriteria extends Error {}

/** Zoho CRM's error object, used per record and for whole-request errors. */
export const crmError = (code: string, message: string, details: Record<string, unknown> = {}) => ({
  code,
  details,
  message,
  status: 'error' as const,
});

/**
 * `GET /crm/v8/{Module}/search`: `criteria` (`(Field:op:value)` groups joined by `and`/`or`,
 * ops equals, not_equal, starts_with, in; `\,` `\(` `\)` escapes; comma-separated values match
 * any), `email`, `phone` or `word`. 200 with `data` + `info`, or 204 with no body.
 */
export function searchRecords(records: CrmRecord[], query: Record<string, string>): Reply {
  let predicate: Predicate;
  if (query.criteria !== undefined) {
    try {
      predicate = parseCriteria(query.criteria);
    } catch {
      return {
        status: 400,
        body: crmError('INVALID_QUERY', 'invalid query formed', {
          reason: 'invalid criteria',
          param: 'criteria',
        }),
      };
    }
  } else if (query.email !== undefined) {
    const wanted = query.email.toLowerCase();
    predicate = (record) =>
      Object.entries(record).some(
        ([field, value]) => /email/i.test(field) && String(value).toLowerCase() === wanted,
      );
  } else if (query.phone !== undefined) {
    const digits = query.phone.replace(/\D/g, '');
    predicate = (record) =>
      Object.entries(record).some(
        ([field, value]) =>
          /phone|mobile/i.test(field) &&
          digits !== '' &&
          String(value).replace(/\D/g, '') === digits,
      );
  } else if (query.word !== undefined) {
    const word = query.word.toLowerCase();
    predicate = (record) =>
      Object.values(record).some(
        (value) => typeof value === 'string' && value.toLowerCase().includes(word),
      );
  } else {
    return {
      status: 400,
      body: crmError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', {
        param: 'criteria',
      }),
    };
  }
  return pageOf(records.filter(predicate), query);
}

/** One page (`page`, `per_page` up to 200) as Zoho lists records, or 204 when it is empty. */
export function pageOf(matching: CrmRecord[], query: Record<string, string>): Reply {
  const perPage = Math.min(Math.max(Number(query.per_page) || 200, 1), 200);
  const page = Math.max(Number(query.page) || 1, 1);
  const data = matching.slice((page - 1) * perPage, page * perPage);
  if (data.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      data,
      info: {
        per_page: perPage,
        count: data.length,
        page,
        more_records: matching.length > page * perPage,
      },
    },
  };
}

/** Values a criterion compares against: a lookup `{id, name}` matches by either. */
function candidates(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'object') {
    const { id, name } = value as { id?: unknown; name?: unknown };
    return [id, name].filter((part) => part !== undefined).map((part) => String(part));
  }
  return [String(value)];
}

function condition(field: string, operator: string, values: string[]): Predicate {
  const wanted = values.map((value) => value.toLowerCase());
  const held = (record: CrmRecord) => candidates(record[field]).map((v) => v.toLowerCase());
  switch (operator) {
    case 'equals':
    case 'in':
      return (record) => held(record).some((value) => wanted.includes(value));
    case 'not_equal':
      return (record) => !held(record).some((value) => wanted.includes(value));
    case 'starts_with':
      return (record) =>
        held(record).some((value) => wanted.some((prefix) => value.startsWith(prefix)));
    default:
      throw new InvalidCriteria(operator);
  }
}

/** Splits on unescaped commas, then drops the escapes. */
function splitValues(raw: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === '\\' && i + 1 < raw.length) current += raw[++i];
    else if (raw[i] === ',') {
      values.push(current);
      current = '';
    } else current += raw[i];
  }
  values.push(current);
  return values;
}

export function parseCriteria(source: string): Predicate {
  let pos = 0;
  const fail = (): never => {
    throw new InvalidCriteria(source);
  };
  const readCondition = (): Predicate => {
    let raw = '';
    while (pos < source.length && source[pos] !== ')') {
      if (source[pos] === '\\' && pos + 1 < source.length) {
        raw += source.slice(pos, pos + 2);
        pos += 2;
      } else raw += source[pos++];
    }
    const first = raw.indexOf(':');
    const second = raw.indexOf(':', first + 1);
    if (first < 1 || second < 0) fail();
    const field = raw.slice(0, first).trim();
    const operator = raw
      .slice(first + 1, second)
      .trim()
      .toLowerCase();
    return condition(field, operator, splitValues(raw.slice(second + 1)));
  };
  const group = (): Predicate => {
    if (source[pos] !== '(') fail();
    pos += 1;
    const predicate = source[pos] === '(' ? expression() : readCondition();
    if (source[pos] !== ')') fail();
    pos += 1;
    return predicate;
  };
  const expression = (): Predicate => {
    let predicate = group();
    for (;;) {
      const joiner = /^\s*(and|or)\s*(?=\()/i.exec(source.slice(pos));
      if (!joiner) return predicate;
      pos += joiner[0].length;
      const left = predicate;
      const right = group();
      predicate =
        joiner[1].toLowerCase() === 'and'
          ? (record) => left(record) && right(record)
          : (record) => left(record) || right(record);
    }
  };
  const predicate = expression();
  if (source.slice(pos).trim() !== '') fail();
  return predicate;
}
