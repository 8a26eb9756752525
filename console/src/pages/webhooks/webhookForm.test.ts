import { describe, expect, it } from 'vitest';
import type { Webhook } from './types';
import {
  createBody,
  EMPTY_FORM,
  fieldOfMessage,
  formFromWebhook,
  toggleEvent,
  updateBody,
  validateWebhookForm,
} from './webhookForm';
import { parseSchedule } from './schedule';

const valid = { ...EMPTY_FORM, url: 'https://ops.example.com/hook', events: ['run.failed'] };
// 32 bytes of base64: what Flowhub itself generates.
const SECRET = `whsec_${btoa('x'.repeat(32))}`;

describe('validateWebhookForm', () => {
  it('asks for a URL and at least one event on an empty form', () => {
    expect(validateWebhookForm(EMPTY_FORM)).toEqual({
      url: 'Enter the URL Flowhub should POST events to.',
      events: 'Pick at least one event.',
    });
  });

  it('takes http and https URLs only', () => {
    expect(validateWebhookForm(valid)).toEqual({});
    expect(validateWebhookForm({ ...valid, url: 'http://10.0.0.1:8080/x' })).toEqual({});
    expect(validateWebhookForm({ ...valid, url: 'ftp://ops.example.com' }).url).toMatch(
      /https:\/\/ or http:\/\//,
    );
    expect(validateWebhookForm({ ...valid, url: 'ops.example.com/hook' }).url).toMatch(/full URL/);
    expect(validateWebhookForm({ ...valid, url: '   ' }).url).toMatch(/Enter the URL/);
  });

  it('leaves the secret optional, and checks one that was typed as the server does', () => {
    expect(validateWebhookForm({ ...valid, secret: SECRET })).toEqual({});
    expect(validateWebhookForm({ ...valid, secret: 'hunter2' }).secret).toMatch(/whsec_/);
    expect(validateWebhookForm({ ...valid, secret: 'whsec_not base64!' }).secret).toMatch(/base64/);
    expect(validateWebhookForm({ ...valid, secret: `whsec_${btoa('short')}` }).secret).toBe(
      'The secret must decode to 24-64 bytes; it decodes to 5.',
    );
    expect(
      validateWebhookForm({ ...valid, secret: `whsec_${btoa('y'.repeat(65))}` }).secret,
    ).toMatch(/decodes to 65/);
  });

  it('limits the description to 500 characters', () => {
    expect(validateWebhookForm({ ...valid, description: 'd'.repeat(501) }).description).toBe(
      'At most 500 characters.',
    );
  });
});

describe('create bodies', () => {
  it('sends a typed secret on create, and none when left empty (the server generates it)', () => {
    expect(createBody({ ...valid, url: ' https://a.example/h ', secret: ` ${SECRET} ` })).toEqual({
      url: 'https://a.example/h',
      events: ['run.failed'],
      description: undefined,
      isActive: true,
      includeRequestBody: false,
      signatureFormat: 'sha256-prefixed',
      secret: SECRET,
    });
    expect(createBody(valid)).not.toHaveProperty('secret');
  });

  it("sends a retry schedule on create only when it is not Flowhub's default", () => {
    expect(createBody({ ...valid, retrySchedule: '60 300,1800, 7200' })).not.toHaveProperty(
      'retrySchedule',
    );
    expect(createBody({ ...valid, retrySchedule: '5, 30' }).retrySchedule).toEqual([5, 30]);
  });
});

describe('update bodies', () => {
  it('never sends a secret on update, and clears an emptied description', () => {
    const body = updateBody({
      ...valid,
      secret: SECRET,
      isActive: false,
      retrySchedule: '10',
      signatureFormat: 'hex',
    });
    expect(body).toEqual({
      url: 'https://ops.example.com/hook',
      events: ['run.failed'],
      description: '',
      isActive: false,
      retrySchedule: [10],
      includeRequestBody: false,
      signatureFormat: 'hex',
    });
  });

  it('fills the edit form from a subscription, without any secret', () => {
    const webhook = {
      url: 'https://a.example/h',
      description: null,
      events: ['flow.created'],
      isActive: false,
      retrySchedule: [1, 2.5],
      includeRequestBody: true,
      signatureFormat: 'hex',
    } as Webhook;
    expect(formFromWebhook(webhook)).toEqual({
      url: 'https://a.example/h',
      description: '',
      events: ['flow.created'],
      isActive: false,
      secret: '',
      retrySchedule: '1, 2.5',
      includeRequestBody: true,
      signatureFormat: 'hex',
    });
  });
});

describe('parseSchedule', () => {
  it('reads seconds separated by commas or spaces', () => {
    expect(parseSchedule(' 0.5, 60  300 ')).toEqual({ schedule: [0.5, 60, 300] });
  });

  it('says what is wrong, within the API limits', () => {
    expect(parseSchedule('').problem).toMatch(/at least one delay/);
    expect(parseSchedule('60, soon').problem).toBe("'soon' is not a number of seconds.");
    expect(parseSchedule('-1').problem).toBe("'-1' is not a number of seconds.");
    expect(parseSchedule('604801').problem).toMatch(/at most 604800 seconds/);
    expect(parseSchedule(Array(21).fill('1').join(',')).problem).toBe('At most 20 retries.');
    expect(validateWebhookForm({ ...valid, retrySchedule: 'x' }).retrySchedule).toBeDefined();
  });
});

describe('fieldOfMessage', () => {
  it('finds the field a server message is about', () => {
    expect(fieldOfMessage('url: 127.0.0.1 is a loopback address')).toBe('url');
    expect(fieldOfMessage('events: subscribe to at least one event')).toBe('events');
    expect(fieldOfMessage('secret must decode to 24-64 bytes; it decodes to 3')).toBe('secret');
    expect(fieldOfMessage('Something else went wrong')).toBeUndefined();
    expect(fieldOfMessage('urls are fine')).toBeUndefined();
  });
});

describe('toggleEvent', () => {
  it('adds and removes, keeping the catalogue order', () => {
    const order = ['flow.created', 'run.failed', 'webhook.test'];
    expect(toggleEvent(['webhook.test'], 'flow.created', order)).toEqual([
      'flow.created',
      'webhook.test',
    ]);
    expect(toggleEvent(['flow.created', 'webhook.test'], 'flow.created', order)).toEqual([
      'webhook.test',
    ]);
  });
});
