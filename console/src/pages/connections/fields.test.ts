import { describe, expect, it } from 'vitest';
import { initialValues, kindOf, labelOf, secretsToRetype, validateFields } from './fields';
import { ERP, HTTP_FIELDS, ZOHO_FIELDS } from './fixtures';

const byName = (name: string) => [...ZOHO_FIELDS, ...HTTP_FIELDS].find((f) => f.name === name)!;

describe('kindOf and labelOf', () => {
  it('gives each declared field its input', () => {
    expect(
      ['clientId', 'clientSecret', 'dataCenter', 'accountsUrl', 'baseUrl'].map((n) =>
        kindOf(byName(n)),
      ),
    ).toEqual(['text', 'secret', 'select', 'url', 'url']);
    expect(kindOf(byName('timeoutMs'))).toBe('integer');
    expect(kindOf(byName('verbose'))).toBe('boolean');
  });

  it('turns field names into labels', () => {
    expect(labelOf('clientSecret')).toBe('Client secret');
    expect(labelOf('baseUrl')).toBe('Base URL');
    expect(labelOf('apiDomain')).toBe('API domain');
    expect(labelOf('clientId')).toBe('Client ID');
  });
});

describe('initialValues', () => {
  it('starts a new connection with the declared defaults', () => {
    expect(initialValues(ZOHO_FIELDS)).toEqual({
      clientId: '',
      clientSecret: '',
      refreshToken: '',
      dataCenter: 'us',
      accountsUrl: '',
    });
  });

  it('fills an edited connection’s fields but never its secrets', () => {
    const values = initialValues(HTTP_FIELDS, ERP);
    expect(values).toEqual({
      baseUrl: 'https://erp.example.com/api',
      auth: 'bearer',
      token: '',
      timeoutMs: '5000',
      verbose: false,
    });
  });
});

describe('validateFields', () => {
  it('marks required fields, numbers, URLs and minimum lengths', () => {
    const values = {
      ...initialValues(HTTP_FIELDS),
      baseUrl: 'erp',
      token: 'short',
      timeoutMs: '1.5',
    };
    expect(validateFields(HTTP_FIELDS, values)).toEqual({
      baseUrl: 'Base URL must be a full URL starting with https://.',
      auth: 'Auth is required.',
      token: 'Token needs at least 8 characters.',
      timeoutMs: 'Timeout ms must be a whole number.',
    });
  });

  it('does not ask again for a secret that is set, unless an endpoint field changes', () => {
    const values = initialValues(HTTP_FIELDS, ERP);
    expect(validateFields(HTTP_FIELDS, values, ERP)).toEqual({});
    const moved = { ...values, baseUrl: 'https://other.example.com' };
    expect(secretsToRetype(HTTP_FIELDS, moved, ERP)).toEqual(['token']);
    expect(validateFields(HTTP_FIELDS, moved, ERP).token).toMatch(/Type Token again/);
    expect(secretsToRetype(HTTP_FIELDS, { ...moved, token: 'new-token-1' }, ERP)).toEqual([]);
  });

  it('needs every required secret of a new connection', () => {
    const values = { ...initialValues(ZOHO_FIELDS), clientId: '1000.X' };
    expect(Object.keys(validateFields(ZOHO_FIELDS, values))).toEqual([
      'clientSecret',
      'refreshToken',
    ]);
  });
});
