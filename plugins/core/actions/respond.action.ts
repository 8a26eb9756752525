import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  JSONSchema,
  Max,
  Min,
} from '@flowhub/plugin-sdk/validators';
import { defineAction, FatalError } from '@flowhub/plugin-sdk';

/** Headers a reply may not set: the HTTP server owns framing and the connection. */
export const HOP_BY_HOP = [
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'trailer',
  'te',
];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export class RespondInput {
  @IsOptional()
  @IsInt({ message: 'status must be a whole HTTP status code from 200 to 599' })
  @Min(200, { message: 'status must be a whole HTTP status code from 200 to 599' })
  @Max(599, { message: 'status must be a whole HTTP status code from 200 to 599' })
  @JSONSchema({ description: 'The HTTP status of the reply (default 200)', examples: [200] })
  status?: number;

  @IsOptional()
  @IsObject({ message: 'headers must be an object of header names to string values' })
  @JSONSchema({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Reply headers (content-type defaults to application/json for a non-string body)',
  })
  headers?: Record<string, string>;

  @IsDefined({ message: 'body is required: the reply body (JSON, or a string sent as it is)' })
  @JSONSchema({ description: 'The reply body: JSON, or a string sent as it is' })
  body: unknown;
}

export interface RespondOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function checkedHeaders(headers: Record<string, unknown> = {}): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new FatalError(`'${name}' is not an HTTP header name`);
    if (HOP_BY_HOP.includes(name.toLowerCase()))
      throw new FatalError(`the reply cannot set ${name}: the server sets it`);
    if (typeof value !== 'string' || /[\r\n]/.test(value))
      throw new FatalError(`header ${name} must be a string on one line`);
    checked[name.toLowerCase()] = value;
  }
  return checked;
}

/**
 * Decides what a catch URL answers when its flow replies synchronously (trigger.respond); in
 * any other run the output is only recorded.
 */
export const respond = defineAction<RespondInput, RespondOutput>({
  displayName: 'Respond',
  description:
    'The reply a synchronous catch URL sends (trigger.respond mode sync): {status, headers, body}.',
  input: RespondInput,
  sideEffects: false,
  run: async ({ input }) => ({
    status: input.status ?? 200,
    headers: checkedHeaders(input.headers),
    body: input.body,
  }),
});
