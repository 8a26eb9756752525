import { QueryClient } from '@tanstack/react-query';
import { errorText } from './client';

/** An API call's failure: the server's message (what to fix), and its status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of an openapi-fetch call, or an ApiError with the server's message: the shape
 * TanStack Query's queryFn and mutationFn want. A 204 yields undefined.
 */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(errorText(error, response), response.status, error);
}

/**
 * One client for the console. Data is fresh for a second; a failed read is retried once
 * (never a 4xx: asking again will not change the answer).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 1000,
        refetchOnWindowFocus: true,
        retry: (count, error) =>
          count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
