/** ING-5: the one answer for an unknown flow, a wrong key, or anything else not a catch URL. */
export const CATCH_NOT_FOUND =
  'No flow at this catch URL: check the flow id and key (rotate-key issues a new URL)';

export const CATCH_PATH_PREFIX = '/webhook/catch/';

export const catchNotFoundBody = () => ({
  statusCode: 404,
  error: 'Not Found',
  message: CATCH_NOT_FOUND,
});
