import { ListQueryDto } from '../common/page-query.dto.js';
import { PageDto } from '../common/page-dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, ROLE_SCOPE, type Role } from '../common/roles.js';
import type { ApiKeyEntity } from './api-key.entity.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci-deployer', maxLength: 100, description: 'What the key is for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    enum: ROLES,
    default: 'admin',
    description: ROLES.map((role) => `${role}: ${ROLE_SCOPE[role]}`).join('; '),
  })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;
}

export class ListApiKeysQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'List revoked keys too' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeRevoked must be true or false' })
  includeRevoked?: boolean;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ example: 'fh_AbC1…', description: 'Start of the key, to tell keys apart' })
  hint: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;

  static from(entity: ApiKeyEntity): ApiKeyDto {
    return {
      id: entity.id,
      name: entity.name,
      role: entity.role,
      hint: entity.hint,
      createdAt: entity.createdAt.toISOString(),
      lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
      revokedAt: entity.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown only in this response: store it now.' })
  key: string;
}

export const ApiKeyPageDto = PageDto(ApiKeyDto, 'ApiKeyPageDto');
