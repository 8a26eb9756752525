import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { NamedSecretRow } from './named-secrets.repository.js';

/** Usable as `$secrets.NAME` without quoting. */
export const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
export const SECRET_NAME_MESSAGE =
  'name must be 1-100 letters, digits or _, starting with a letter (it is written $secrets.NAME)';

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$|^\[?[0-9A-Fa-f:.]+\]?$/;

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

  @ApiPropertyOptional({
    type: [String],
    example: ['erp.example.com'],
    description:
      'Hosts (and their sub-domains) the value may be sent to, by http.request steps only; unset: any. PUT replaces them with the value.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(HOST_NAME, { each: true, message: 'hosts must be host names, e.g. erp.example.com' })
  hosts?: string[];
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
  @ApiProperty({ type: [String], nullable: true, description: 'null: any host' })
  hosts: string[] | null;
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
