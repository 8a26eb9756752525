/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb`, nor a lone surrogate in `jsonb` (both
 * are valid in a JavaScript string and in JSON). These helpers make a value storable by
 * replacing each such character with U+FFFD, the replacement character.
 */

/**
 * In JSON.stringify's output (well-formed: a lone surrogate is written as an escape, a pair
 * as itself) the escapes jsonb refuses: `\u0000` or a surrogate escape, when the backslash is
 * not itself escaped (an even run of backslashes before it).
 */
const REFUSED_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/;
const REFUSED_ESCAPES = new RegExp(REFUSED_ESCAPE.source, 'g');

/** Characters `text` refuses (U+0000) or that are not well formed (a lone surrogate). */
const REFUSED_CHARS = new RegExp(
  String.raw`\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`,
  'g',
);

/** True when a JSON text (from JSON.stringify) holds something jsonb refuses. */
export function jsonbRefuses(json: string): boolean {
  return REFUSED_ESCAPE.test(json);
}

/** A JSON text from JSON.stringify with every escape jsonb refuses made `\ufffd`. */
export function jsonbSafeText(json: string): string {
  return json.replace(REFUSED_ESCAPES, '$1\\ufffd');
}

/** A string with U+0000 and lone surrogates made U+FFFD (for `text` and `varchar` columns). */
export function textSafe(text: string): string {
  return text.replace(REFUSED_CHARS, '\ufffd');
}

/** textSafe for an optional string. */
export const textSafeOrNull = (text: string | null | undefined): string | null =>
  text == null ? null : textSafe(text);

/** A value as JSON text jsonb can store (`json`: its JSON.stringify, when already made). */
export function storableJson(value: unknown, json = JSON.stringify(value)): string | null {
  if (value === undefined || json === undefined) return null;
  return jsonbRefuses(json) ? jsonbSafeText(json) : json;
}
