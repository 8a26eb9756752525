/** Domain error codes; the one exception filter maps each to an HTTP status. */
export enum ErrorCode {
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unavailable = 'unavailable',
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unavailable]: 503,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Thrown by services; never a Nest HttpException, so services stay framework-light. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
