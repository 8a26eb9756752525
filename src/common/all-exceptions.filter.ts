import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AppError, type ErrorDetail, STATUS_BY_CODE } from './app-error.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { catchNotFoundBody, isCatchPath } from './catch-not-found.js';
import { PROTOTYPE_KEY_MESSAGE } from './json-body-parser.js';
import { isStorageError, storageAppError } from './storage-errors.js';

const UNAVAILABLE = 'The database is unavailable: retry later';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

interface RequestLike {
  url?: string;
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
function fromFrameworkError(error: FrameworkError): ErrorBody {
  const statusCode = error.statusCode;
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message };
}

/** Fastify's and Nest's parser wordings, reworded to say what to fix. */
function reworded(body: ErrorBody, cause: unknown, bodyLimit: number): ErrorBody {
  if ((cause as { code?: unknown } | null)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const message = `Request body is over ${bodyLimit} bytes, the most Flowhub accepts (FLOWHUB_CATCH_BODY_LIMIT): send a smaller body`;
    return { ...body, message };
  }
  if (body.message === 'Object contains forbidden prototype property')
    return { ...body, message: PROTOTYPE_KEY_MESSAGE };
  return body;
}

/** The one place errors become HTTP: every body is {statusCode, error, message[, details]}. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    // A database error: 503 only when the database is unreachable, 4xx for a refused value.
    // Errors already said as HTTP (AppError, HttpException) keep their own words.
    const said = thrown instanceof AppError || thrown instanceof HttpException;
    const exception =
      (!said && isStorageError(thrown) && storageAppError(thrown, UNAVAILABLE)) || thrown;
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const request = host.switchToHttp().getRequest<RequestLike>();
    let body: ErrorBody;
    let headers: Record<string, string> = {};
    if (exception instanceof AppError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      body = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: exception.message };
      if (exception.details) body.details = exception.details;
      headers = exception.headers ?? {};
    } else if (exception instanceof NotFoundException && isCatchPath(request.url)) {
      body = catchNotFoundBody(); // ING-5: never echo a path that may hold a catch key
    } else if (exception instanceof HttpException) {
      const limit = this.runtime.config.catchBodyLimit;
      body = reworded(fromHttpException(exception), exception.cause ?? exception, limit);
    } else if (isFrameworkError(exception)) {
      body = reworded(fromFrameworkError(exception), exception, this.runtime.config.catchBodyLimit);
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

interface FrameworkError {
  statusCode: number;
  message: string;
  code?: string;
}

function isFrameworkError(value: unknown): value is FrameworkError {
  const code = (value as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 && value instanceof Error;
}
