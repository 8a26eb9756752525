class Stop {
  constructor(readonly at: number) {}
}

const SPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A JSON reader that only finds where the text stops being JSON (RFC 8259). */
class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  run(): number | undefined {
    try {
      this.value();
      this.space();
      if (this.i < this.text.length) this.stop();
      return undefined;
    } catch (error) {
      if (error instanceof Stop) return error.at;
      return undefined; // nested too deep to scan: no position
    }
  }

  private stop(): never {
    throw new Stop(this.i);
  }

  private space() {
    while (SPACE.has(this.text[this.i])) this.i++;
  }

  private expect(char: string) {
    this.space();
    if (this.text[this.i] !== char) this.stop();
    this.i++;
  }

  private value() {
    this.space();
    const char = this.text[this.i];
    if (char === '{') return this.members('}', () => this.member());
    if (char === '[') return this.members(']', () => this.value());
    if (char === '"') return this.string();
    for (const word of ['true', 'false', 'null'])
      if (this.text.startsWith(word, this.i)) return void (this.i += word.length);
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(this.text);
    if (!number) this.stop();
    this.i += number[0].length;
  }

  private member() {
    this.space();
    if (this.text[this.i] !== '"') this.stop();
    this.string();
    this.expect(':');
    this.value();
  }

  /** An object's members or an array's items, after the opening bracket. */
  private members(close: string, item: () => void) {
    this.i++;
    this.space();
    if (this.text[this.i] === close) return void this.i++;
    for (;;) {
      item();
      this.space();
      const char = this.text[this.i];
      if (char === close) return void this.i++;
      if (char !== ',') this.stop();
      this.i++;
    }
  }

  private string() {
    this.i++;
    while (this.i < this.text.length) {
      const char = this.text[this.i];
      if (char === '"') return void this.i++;
      if (char < ' ') this.stop();
      if (char !== '\\') {
        this.i++;
        continue;
      }
      const escape = this.text[this.i + 1];
      if (escape === 'u' && HEX4.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
      else if (ESCAPES.has(escape)) this.i += 2;
      else {
        this.i++;
        this.stop();
      }
    }
    this.stop();
  }
}

/**
 * The offset where `text` stops being JSON, or undefined when it is JSON (or too deeply
 * nested to tell). Browsers' JSON.parse often names no position ("Unexpected token '}'").
 */
export function jsonErrorOffset(text: string): number | undefined {
  return new Scanner(text).run();
}
