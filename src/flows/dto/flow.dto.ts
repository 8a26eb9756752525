import { PageDto } from '../../common/page-dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FlowDefinition } from '../../engine/flow-definition.js';
import type { FlowVersionEntity } from '../flow-version.entity.js';
import type { FlowView } from '../flows.service.js';
import { FlowDefinitionDto } from './flow-definition.dto.js';

export class VerifySecretInfoDto {
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null for the current secret; a previous one is accepted until then',
  })
  expiresAt: string | null;
}

export class FlowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: ['active', 'paused'] }) status: 'active' | 'paused';
  @ApiProperty({ description: 'Current version; PUT creates the next one' }) version: number;
  @ApiProperty({
    example: 'https://hooks.example.com/webhook/catch/0b7c…/Xk3…',
    description: 'POST (or PUT) requests here start runs. The key in it is a secret.',
  })
  catchUrl: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After rotate-key with a grace period: when the previous catch URL stops working',
  })
  previousCatchUrlExpiresAt: string | null;
  @ApiProperty({
    type: [VerifySecretInfoDto],
    description: 'The trigger.verify secrets accepted now (current first); never the secrets',
  })
  verifySecrets: VerifySecretInfoDto[];
  @ApiPropertyOptional({
    description:
      'Only in the rotate-secret response, when Flowhub generated the secret: shown once',
  })
  verifySecret?: string;
  @ApiProperty({ type: FlowDefinitionDto }) definition: FlowDefinition;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(view: FlowView, catchUrl: string): FlowDto {
    const { flow, definition } = view;
    const previous = flow.previousCatchKeyExpiresAt;
    return {
      id: flow.id,
      name: flow.name,
      description: flow.description,
      status: flow.status,
      version: flow.currentVersion,
      catchUrl,
      previousCatchUrlExpiresAt:
        previous && previous.getTime() > Date.now() ? previous.toISOString() : null,
      verifySecrets: view.verifySecrets,
      ...(view.newVerifySecret ? { verifySecret: view.newVerifySecret } : {}),
      definition,
      createdAt: flow.createdAt.toISOString(),
      updatedAt: flow.updatedAt.toISOString(),
    };
  }
}

export class FlowVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: FlowDefinitionDto }) definition: FlowDefinition;

  static from(entity: FlowVersionEntity): FlowVersionDto {
    return {
      version: entity.version,
      createdAt: entity.createdAt.toISOString(),
      definition: entity.definition,
    };
  }
}

export const FlowPageDto = PageDto(FlowDto, 'FlowPageDto');

export const FlowVersionPageDto = PageDto(FlowVersionDto, 'FlowVersionPageDto');
