import { PageDto } from '../common/page-dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ConnectionEntity } from './connection.entity.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const NAME_MESSAGE =
  'name must be 1-100 letters, digits, _, . or -, starting with a letter or digit';

export class CreateConnectionDto {
  @ApiProperty({ example: 'zoho-main' })
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name: string;

  @ApiProperty({ example: 'zoho-crm', description: 'The plugin these credentials are for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  plugin: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The plugin's connection fields",
  })
  @IsObject()
  fields: Record<string, unknown>;
}

export class UpdateConnectionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Fields to change; secret fields not given keep their value (null removes one). Changing an endpoint field (where the credentials are sent) needs every stored secret field again in the same request.',
  })
  @IsOptional()
  @IsObject()
  fields?: Record<string, unknown>;
}

export class ConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() plugin: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Non-secret fields only',
  })
  fields: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    description: 'Secret fields that are set (values are never returned)',
  })
  secretsSet: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(entity: ConnectionEntity): ConnectionDto {
    return {
      id: entity.id,
      name: entity.name,
      plugin: entity.plugin,
      fields: entity.fields,
      secretsSet: Object.keys(entity.secrets).sort(),
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    };
  }
}

export class ConnectionTestDto {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional() message?: string;
}

export const ConnectionPageDto = PageDto(ConnectionDto, 'ConnectionPageDto');
