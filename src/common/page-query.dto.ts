import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { CURSOR_MESSAGE, isPageCursor } from './page-cursor.js';

export const MAX_PAGE_LIMIT = 100;

/** Plain decimal digits only: `1e2`, `0x10`, ` 5` and `5.0` stay strings and are refused. */
const toLimit = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
const isLimit = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAGE_LIMIT;

/** `limit` and `cursor` of every keyset-paged list (newest first). */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 20 })
  @IsOptional()
  @Transform(toLimit)
  @ValidateBy(
    { name: 'isPageLimit', validator: { validate: isLimit } },
    { message: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}` },
  )
  limit?: number;

  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy(
    { name: 'isPageCursor', validator: { validate: isPageCursor } },
    { message: CURSOR_MESSAGE },
  )
  cursor?: string;
}

const MAX_LIST_CURSOR_LENGTH = 2000;
const isListCursor = (value: unknown) =>
  typeof value === 'string' &&
  value.length <= MAX_LIST_CURSOR_LENGTH &&
  /^[A-Za-z0-9_-]+$/.test(value);

/** `limit` and `cursor` of the lists paged in memory (by name, by version, the small tables). */
export class ListQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 20 })
  @IsOptional()
  @Transform(toLimit)
  @ValidateBy(
    { name: 'isPageLimit', validator: { validate: isLimit } },
    { message: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}` },
  )
  limit?: number;

  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy(
    { name: 'isListCursor', validator: { validate: isListCursor } },
    { message: CURSOR_MESSAGE },
  )
  cursor?: string;
}
