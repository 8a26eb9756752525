import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AppError, type ErrorDetail, STATUS_BY_CODE } from './app-error.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const raw =
    typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
  const message = Array.isArray(raw.message)
    ? raw.message.join('; ')
    : String(raw.message ?? exception.message);
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (Array.isArray(raw.details)) body.details = raw.details as ErrorDetail[];
  return body;
}

/** Errors thrown by Fastify itself (body parsing, size limits) carry a statusCode. */
function fromFrameworkError(error: { statusCode: number; message: string }): ErrorBody {
  const statusCode = error.statusCode;
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message };
}

/** The one place errors become HTTP: every body is {statusCode, error, message[, details]}. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    let body: ErrorBody;
    let headers: Record<string, string> = {};
    if (exception instanceof AppError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      body = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: exception.message };
      if (exception.details) body.details = exception.details;
      headers = exception.headers ?? {};
    } else if (exception instanceof HttpException) {
      body = fromHttpException(exception);
    } else if (isFrameworkError(exception)) {
      body = fromFrameworkError(exception);
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      body = {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error; see the server log for details',
      };
    }
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.status(body.statusCode).send(body);
  }
}

function isFrameworkError(value: unknown): value is { statusCode: number; message: string } {
  const code = (value as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 && value instanceof Error;
}
