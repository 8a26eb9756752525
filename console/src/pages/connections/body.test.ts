import { describe, expect, it } from 'vitest';
import { createFields, serverFieldErrors, updateFields } from './body';
import { draftRequest } from './connectionForm';
import { initialValues } from './fields';
import { ERP, HTTP_FIELDS, ZOHO_FIELDS } from './fixtures';
import { oauthReturn, providersOf, startFieldsOf } from './providers';
import { HTTP, ZOHO_CRM, ZOHO_INVENTORY } from './fixtures';

describe('createFields', () => {
  it('sends filled fields, typed, and leaves empty optional ones out', () => {
    const values = {
      ...initialValues(HTTP_FIELDS),
      baseUrl: ' https://erp.example.com ',
      auth: 'bearer',
      token: 'secret-123',
      timeoutMs: '3000',
    };
    expect(createFields(HTTP_FIELDS, values)).toEqual({
      baseUrl: 'https://erp.example.com',
      auth: 'bearer',
      token: 'secret-123',
      timeoutMs: 3000,
    });
  });
});

describe('updateFields', () => {
  const values = initialValues(HTTP_FIELDS, ERP);

  it('sends nothing when nothing changed: a secret left empty keeps its value', () => {
    expect(updateFields(HTTP_FIELDS, values, ERP)).toEqual({});
    expect(draftRequest('http', HTTP_FIELDS, { name: 'erp', values, cleared: [] }, ERP)).toEqual(
      {},
    );
  });

  it('sends a changed field, a typed secret, an emptied field as null and a removed secret as null', () => {
    expect(
      updateFields(HTTP_FIELDS, { ...values, auth: 'basic', token: 'new-token-1' }, ERP),
    ).toEqual({
      auth: 'basic',
      token: 'new-token-1',
    });
    expect(updateFields(HTTP_FIELDS, { ...values, timeoutMs: '' }, ERP, ['token'])).toEqual({
      timeoutMs: null,
      token: null,
    });
  });

  it('renames without touching the fields', () => {
    expect(
      draftRequest('http', HTTP_FIELDS, { name: ' erp-2 ', values, cleared: [] }, ERP),
    ).toEqual({
      name: 'erp-2',
    });
  });
});

describe('serverFieldErrors', () => {
  it('puts each problem of a 400 at its field', () => {
    const body = {
      message: 'Connection fields are invalid: …',
      details: [
        { path: 'fields.token', message: 'token must be given again' },
        { path: 'fields.token', message: 'token is too short' },
        { path: 'name', message: 'name is taken' },
      ],
    };
    expect(serverFieldErrors(body)).toEqual({
      token: 'token must be given again; token is too short',
      name: 'name is taken',
    });
    expect(serverFieldErrors({ message: 'no details' })).toEqual({});
  });
});

describe('providers', () => {
  it('groups the plugins with a "Connect with" sign-in by provider', () => {
    const groups = providersOf([HTTP, ZOHO_CRM, ZOHO_INVENTORY]);
    expect(groups.map((g) => [g.provider, g.plugins.map((p) => p.name)])).toEqual([
      ['Zoho', ['zoho-crm', 'zoho-inventory']],
    ]);
    expect(startFieldsOf(ZOHO_CRM).map((f) => f.name)).toEqual([
      'clientId',
      'clientSecret',
      'dataCenter',
      'accountsUrl',
    ]);
    expect(ZOHO_FIELDS.length).toBeGreaterThan(startFieldsOf(ZOHO_CRM).length);
  });

  it('reads the outcome the OAuth callback put in the URL', () => {
    expect(oauthReturn('?connected=abc')).toEqual({ connected: 'abc' });
    expect(oauthReturn('?connectError=Zoho%20did%20not%20grant%20access')).toEqual({
      error: 'Zoho did not grant access',
    });
    expect(oauthReturn('')).toBeUndefined();
  });
});

describe('updateFields with a checkbox', () => {
  it('sends a checkbox only when it changed (absent counts as unchecked)', () => {
    const values = initialValues(HTTP_FIELDS, ERP);
    expect(updateFields(HTTP_FIELDS, { ...values, verbose: true }, ERP)).toEqual({ verbose: true });
    const on = { ...ERP, fields: { ...ERP.fields, verbose: true } };
    expect(updateFields(HTTP_FIELDS, { ...values, verbose: false }, on)).toEqual({
      verbose: false,
    });
  });
});
