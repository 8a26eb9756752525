import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  HMAC_ALGORITHMS,
  SECRET_ENCODINGS,
  SIGNATURE_ENCODINGS,
  TIMESTAMP_UNITS,
  VERIFY_PRESETS,
  type VerifyPreset,
} from '../../engine/verify-presets.js';
import { GraceSeconds } from '../../common/grace-seconds.decorator.js';

const oneOf = (field: string, values: readonly string[]) => ({
  message: `trigger.verify.${field} must be one of: ${values.join(', ')}`,
});

/** trigger.verify (webhooks.md, Inbound). The secret is write-only: stored encrypted, never returned. */
export class VerifyDto {
  @ApiProperty({ enum: VERIFY_PRESETS, example: 'shopify' })
  @IsString()
  preset: VerifyPreset;

  @ApiPropertyOptional({
    writeOnly: true,
    description:
      'The signing secret or token. Required when the flow is created; on update, leave it out to keep the stored one. Never returned.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  secret?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 86_400,
    default: 300,
    description: 'Replay window, seconds',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  toleranceSeconds?: number;

  @ApiPropertyOptional({
    description:
      'hmac: the signature header; static-token: the token header (default X-Webhook-Secret)',
  })
  @IsOptional()
  @IsString()
  header?: string;

  @ApiPropertyOptional({ description: 'static-token: HTTP basic auth; secret is user:password' })
  @IsOptional()
  @IsBoolean()
  basicAuth?: boolean;

  @ApiPropertyOptional({ enum: HMAC_ALGORITHMS, default: 'sha256' })
  @IsOptional()
  @IsIn(HMAC_ALGORITHMS, oneOf('algorithm', HMAC_ALGORITHMS))
  algorithm?: (typeof HMAC_ALGORITHMS)[number];

  @ApiPropertyOptional({ enum: SIGNATURE_ENCODINGS, default: 'hex' })
  @IsOptional()
  @IsIn(SIGNATURE_ENCODINGS, oneOf('encoding', SIGNATURE_ENCODINGS))
  encoding?: (typeof SIGNATURE_ENCODINGS)[number];

  @ApiPropertyOptional({ example: 'sha256=', description: 'Text before the signature' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  prefix?: string;

  @ApiPropertyOptional({ example: '{timestamp}.{body}', default: '{body}' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  template?: string;

  @ApiPropertyOptional({ example: 'X-Timestamp' })
  @IsOptional()
  @IsString()
  timestampHeader?: string;

  @ApiPropertyOptional({ enum: TIMESTAMP_UNITS, default: 's' })
  @IsOptional()
  @IsIn(TIMESTAMP_UNITS, oneOf('timestampUnit', TIMESTAMP_UNITS))
  timestampUnit?: (typeof TIMESTAMP_UNITS)[number];

  @ApiPropertyOptional({ example: 'X-Delivery-Id', description: 'The header {id} stands for' })
  @IsOptional()
  @IsString()
  idHeader?: string;

  @ApiPropertyOptional({ enum: SECRET_ENCODINGS, default: 'utf8' })
  @IsOptional()
  @IsIn(SECRET_ENCODINGS, oneOf('secretEncoding', SECRET_ENCODINGS))
  secretEncoding?: (typeof SECRET_ENCODINGS)[number];
}

export class RotateKeyDto {
  @GraceSeconds(0, 'Seconds the old catch URL keeps working (0: it answers 404 at once)')
  graceSeconds?: number;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    writeOnly: true,
    description:
      'The new secret. Leave it out to have Flowhub generate one (shown once in the response), except for presets whose sender issues it (stripe, shopify, slack, twilio).',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  secret?: string;

  @GraceSeconds(86_400, 'Seconds the previous secret keeps being accepted')
  graceSeconds?: number;
}
