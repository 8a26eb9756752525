import { AppError } from './app-error.js';
import { intParam, MAX_INT32 } from './int-param.pipe.js';

describe('intParam', () => {
  const pipe = intParam('version', 1, MAX_INT32, 'GET /versions lists them');

  it('parses plain decimal integers within the range', () => {
    expect(pipe.transform('1', { type: 'param' })).toBe(1);
    expect(pipe.transform('2147483647', { type: 'param' })).toBe(MAX_INT32);
  });

  it('refuses everything else with a 400 that names the range', () => {
    const refused = ['0', '-1', '1.5', '1e3', '1e400', '0x10', ' 1', '', 'abc', '2147483648'];
    for (const value of [...refused, '99999999999999999999', 7, undefined]) {
      let error: unknown;
      try {
        pipe.transform(value, { type: 'param' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe(
        'version must be a whole number from 1 to 2147483647 (GET /versions lists them)',
      );
    }
  });
});
