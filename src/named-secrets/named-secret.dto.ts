import { PageDto } from '../common/page-dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
} from 'class-validator';
import type { NamedSecretRow } from './named-secrets.repository.js';

/** Usable as `$secrets.NAME` without quoting. */
export const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
export const SECRET_NAME_MESSAGE =
  'name must be 1-100 letters, digits or _, starting with a letter (it is written $secrets.NAME)';

const HOSTS_REQUIRED =
  'hosts must list the origins the value may be sent to (1 to 50 strings), e.g. ["https://erp.example.com"]';

/** 1-50 strings of at most 300 characters, in one message (the service parses each). */
function IsOriginList() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOriginList',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length >= 1 &&
          value.length <= 50 &&
          value.every((entry) => typeof entry === 'string' && entry.length <= 300),
        defaultMessage: () => HOSTS_REQUIRED,
      },
    });
}

export class PutSecretDto {
  @ApiProperty({ writeOnly: true, description: 'Stored encrypted; never returned' })
  @IsString()
  @MinLength(8, {
    message: 'value must be at least 8 characters (shorter ones cannot be redacted reliably)',
  })
  @MaxLength(10_000)
  value: string;

  @ApiPropertyOptional({ example: 'ERP API token (prod)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({
    type: [String],
    example: ['https://erp.example.com'],
    description:
      'Required: the origins (scheme, host, port) the value may be sent to, by http.request steps only. `erp.example.com` means https://erp.example.com; http:// only for hosts in FLOWHUB_EGRESS_ALLOW_HOSTS. PUT replaces them with the value.',
  })
  @IsOriginList()
  hosts: string[];
}

export class CreateSecretDto extends PutSecretDto {
  @ApiProperty({ example: 'ERP_TOKEN' })
  @IsString()
  @Matches(SECRET_NAME, { message: SECRET_NAME_MESSAGE })
  name: string;
}

export class SecretDto {
  @ApiProperty({ example: 'ERP_TOKEN' }) name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '…x9Qz',
    description: 'The last 4 characters of a value of 16 or more; null otherwise',
  })
  hint: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], description: 'The origins the value may be sent to' })
  hosts: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(row: NamedSecretRow): SecretDto {
    return {
      name: row.name,
      hint: row.hint,
      description: row.description,
      hosts: row.hosts,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}

export const SecretPageDto = PageDto(SecretDto, 'SecretPageDto');
