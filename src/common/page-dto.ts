import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a page of `Item`: `{items: Item[], nextCursor: string | null}`.
 * `name` becomes the schema's name (e.g. FlowPageDto).
 */
export function PageDto<Item>(item: Type<Item>, name: string) {
  class Page {
    @ApiProperty({ type: [item] }) items: Item[];
    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as ?cursor= for the next page; null on the last page',
    })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
