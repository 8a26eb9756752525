import { IsInt, IsObject, IsOptional, IsString } from 'class-validator';
import type { ArgumentMetadata } from '@nestjs/common';
import { AppError } from './app-error.js';
import { ApiValidationPipe, MAX_ERROR_DETAILS } from './validation.pipe.js';

class SampleDto {
  @IsString() name: string;
  @IsOptional() @IsObject() input?: Record<string, unknown>;
}

class SampleQueryDto {
  @IsOptional() @IsInt() limit?: number;
}

const body: ArgumentMetadata = { type: 'body', metatype: SampleDto };
const query: ArgumentMetadata = { type: 'query', metatype: SampleQueryDto };

async function refusal(value: unknown, metadata = body): Promise<AppError> {
  const error: unknown = await new ApiValidationPipe().transform(value, metadata).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function nested(levels: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('ApiValidationPipe', () => {
  it('refuses a body 10,000 levels deep with a 400 before class-transformer recurses', async () => {
    const error = await refusal({ name: 'x', input: nested(10_000) });
    expect(error.message).toBe(
      'Request body field input.a.a.a.a.a… is nested more than 100 levels deep: flatten it',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'input.a.a.a.a.a…' })]);
  });

  it('says a body must be a JSON object when it is not one', async () => {
    const kinds: [unknown, string][] = [
      ['text', 'a string (a JSON string or a text/* body)'],
      [[{ name: 'x' }], 'an array'],
      [7, 'a number'],
      [null, 'null'],
      [Buffer.from('raw'), 'raw bytes: Content-Type was not application/json'],
    ];
    for (const [value, kind] of kinds) {
      expect((await refusal(value)).message).toBe(
        `Request body must be a JSON object sent as Content-Type: application/json, not ${kind}`,
      );
    }
  });

  it('names the query, not the body, when a query is invalid', async () => {
    const error = await refusal({ limit: 'x' }, query);
    expect(error.message).toMatch(/^Query is invalid: limit must be an integer number/);
    expect((await refusal({ limit: '\u0000' }, query)).message).toMatch(
      /^Query field limit contains U\+0000/,
    );
  });

  it('lists at most MAX_ERROR_DETAILS problems and says how many more there are', async () => {
    const value = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const error = await refusal({ name: 'x', ...value });
    expect(error.details).toHaveLength(MAX_ERROR_DETAILS);
    expect(error.message).toMatch(/property k9 should not exist; and 490 more \(see details\)$/);
  });

  it('passes valid input through and leaves path parameters to their own pipes', async () => {
    const pipe = new ApiValidationPipe();
    await expect(pipe.transform({ name: 'x' }, body)).resolves.toBeInstanceOf(SampleDto);
    await expect(pipe.transform('0x10', { type: 'param', metatype: Number })).resolves.toBe('0x10');
  });
});
