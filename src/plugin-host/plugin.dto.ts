import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDto } from '../common/page-dto.js';

const jsonSchema = { type: 'object', additionalProperties: true } as const;

export class RetryPolicyDto {
  @ApiProperty() attempts: number;
  @ApiProperty({ enum: ['fixed', 'exponential'] }) backoff: string;
  @ApiProperty() delayMs: number;
  @ApiProperty() maxDelayMs: number;
}

export class InputFieldEntryDto {
  @ApiProperty({ example: 'url', description: 'Dot path of the input field' }) path: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiPropertyOptional({ description: 'A value the field could take' }) example?: unknown;
  @ApiProperty({ description: 'A URL the action calls: egress-checked when a flow is saved' })
  url: boolean;
}

export class ActionEntryDto {
  @ApiProperty({ example: 'zoho-crm.createDeal' }) action: string;
  @ApiProperty() displayName: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'false for reads: dry-run still calls them' }) sideEffects: boolean;
  @ApiProperty({ type: RetryPolicyDto }) retry: RetryPolicyDto;
  @ApiProperty({ ...jsonSchema, description: 'JSON Schema of the input' }) inputSchema: object;
  @ApiProperty({ type: [InputFieldEntryDto], description: 'Declared input field descriptions' })
  inputFields: InputFieldEntryDto[];
  @ApiPropertyOptional({
    ...jsonSchema,
    description: "What a dry-run records as the step's output, when declared as a value",
  })
  sampleOutput?: unknown;
  @ApiProperty({ description: "The dry-run's sample output is made from the input" })
  sampleFromInput: boolean;
}

export class ConnectionFieldEntryDto {
  @ApiProperty() name: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ description: 'Write-only: never returned' }) secret: boolean;
  @ApiProperty({ description: 'Says where the credentials are sent' }) endpoint: boolean;
  @ApiPropertyOptional({ type: [String] }) hosts?: string[];
  @ApiProperty(jsonSchema) schema: object;
}

export class ConnectionAuthorizationDto {
  @ApiProperty({
    type: [String],
    example: ['clientId', 'clientSecret', 'dataCenter'],
    description: 'The fields POST /connections/authorize takes (the rest come from the provider)',
  })
  startFields: string[];
}

export class PluginConnectionDto {
  @ApiProperty({ type: [ConnectionFieldEntryDto] }) fields: ConnectionFieldEntryDto[];
  @ApiProperty() testable: boolean;
  @ApiProperty() optional: boolean;
  @ApiProperty({
    type: ConnectionAuthorizationDto,
    nullable: true,
    description: 'Set when the plugin has a "Connect with" sign-in (POST /connections/authorize)',
  })
  authorization: ConnectionAuthorizationDto | null;
}

/** One plugin of the catalogue (GET /api/v1/plugins/:name). */
export class PluginDto {
  @ApiProperty({ example: 'zoho-crm' }) name: string;
  @ApiProperty({ example: '1.0.0' }) version: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: PluginConnectionDto, nullable: true })
  connection: PluginConnectionDto | null;
  @ApiProperty({ type: [ActionEntryDto] }) actions: ActionEntryDto[];
}

export const PluginPageDto = PageDto(PluginDto, 'PluginPageDto');
