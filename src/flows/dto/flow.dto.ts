import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FlowDefinition } from '../../engine/flow-definition.js';
import type { FlowVersionEntity } from '../flow-version.entity.js';
import type { FlowEntity } from '../flow.entity.js';
import { FlowDefinitionDto } from './flow-definition.dto.js';

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
  @ApiProperty({ type: FlowDefinitionDto }) definition: FlowDefinition;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(flow: FlowEntity, definition: FlowDefinition, catchUrl: string): FlowDto {
    return {
      id: flow.id,
      name: flow.name,
      description: flow.description,
      status: flow.status,
      version: flow.currentVersion,
      catchUrl,
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
