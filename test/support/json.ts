/** Reads a JSON response body for assertions (tests index freely into it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function json(response: Response): Promise<any> {
  return response.json();
}
