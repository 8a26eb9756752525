import secureJson from 'secure-json-parse';

type Done = (error: Error | null, body?: unknown) => void;

export const PROTOTYPE_KEY_MESSAGE =
  'Body has a __proto__ or constructor.prototype key, which is refused (prototype pollution): rename that key';

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400 });
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies, refused with a message that says what is wrong: not UTF-8, empty, a syntax
 * error (with its position), or a `__proto__` / `constructor.prototype` key (ING-1).
 */
export function parseJsonBody(_request: unknown, body: Buffer, done: Done): void {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return done(badRequest('Body is not valid UTF-8: send JSON encoded as UTF-8'));
  }
  if (text.trim() === '') {
    return done(
      badRequest('Body is empty but Content-Type is application/json: send a JSON document'),
    );
  }
  try {
    done(
      null,
      secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
    );
  } catch (error) {
    const reason = (error as Error).message;
    if (/prototype/i.test(reason)) {
      return done(badRequest(PROTOTYPE_KEY_MESSAGE));
    }
    done(badRequest(`Body is not valid JSON (${reason}): send valid JSON or another Content-Type`));
  }
}
