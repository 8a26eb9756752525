import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';

export class SignInDto {
  @ApiProperty({ description: 'An API key; the session acts with its role' })
  @IsString()
  @IsNotEmpty({ message: 'apiKey must be an API key (fh_…)' })
  @MaxLength(200)
  apiKey: string;
}

class SessionKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SessionDto {
  @ApiProperty({ type: SessionKeyDto, description: 'The key the session acts as' })
  apiKey: SessionKeyDto;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the session ends (null: the request used a bearer key, not a session)',
  })
  expiresAt: string | null;
}
