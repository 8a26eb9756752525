import { ApiProperty } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'steps[0].map' }) path: string;
  @ApiProperty({ example: 'JSONata syntax error at position 12: ...' }) message: string;
}

/** The body of every error response (see AllExceptionsFilter). */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'Request body is invalid: name should not be empty' }) message: string;
  @ApiProperty({ type: [ErrorDetailDto], required: false, description: 'Validation errors only' })
  details?: ErrorDetailDto[];
}
