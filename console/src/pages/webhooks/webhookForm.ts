import { DEFAULT_SCHEDULE, parseSchedule, sameSchedule, scheduleText } from './schedule';
import type { CreateWebhookBody, EventName, UpdateWebhookBody, Webhook } from './types';

export type SignatureFormat = Webhook['signatureFormat'];

/** What the subscription form holds while it is edited. */
export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
  isActive: boolean;
  /** Only when creating: write-only, never filled from the server. */
  secret: string;
  /** Seconds before each retry, as typed ("60, 300, 1800, 7200"). */
  retrySchedule: string;
  includeRequestBody: boolean;
  signatureFormat: SignatureFormat;
}

export type WebhookField = 'url' | 'events' | 'secret' | 'description' | 'retrySchedule';
export type WebhookFormErrors = Partial<Record<WebhookField, string>>;

export const EMPTY_FORM: WebhookFormValues = {
  url: '',
  description: '',
  events: [],
  isActive: true,
  secret: '',
  retrySchedule: scheduleText(DEFAULT_SCHEDULE),
  includeRequestBody: false,
  signatureFormat: 'sha256-prefixed',
};

/** The form for editing a subscription: its fields as they are (never its secret). */
export function formFromWebhook(webhook: Webhook): WebhookFormValues {
  return {
    url: webhook.url,
    description: webhook.description ?? '',
    events: [...webhook.events],
    isActive: webhook.isActive,
    secret: '',
    retrySchedule: scheduleText(webhook.retrySchedule),
    includeRequestBody: webhook.includeRequestBody,
    signatureFormat: webhook.signatureFormat,
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function urlProblem(value: string): string | undefined {
  const url = value.trim();
  if (!url) return 'Enter the URL Flowhub should POST events to.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a full URL, such as https://ops.example.com/flowhub.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'The URL must start with https:// or http://.';
  return undefined;
}

/** The same rule as the server (src/webhooks/webhook-signing.ts, secretProblem). */
function secretProblem(value: string): string | undefined {
  if (!value) return undefined;
  const encoded = value.replace(/^whsec_/, '');
  if (!value.startsWith('whsec_') || !encoded || !BASE64.test(encoded))
    return 'A secret is whsec_ followed by base64; leave it empty to have Flowhub generate one.';
  const bytes = Math.floor((encoded.replace(/=+$/, '').length * 3) / 4);
  if (bytes < 24 || bytes > 64)
    return `The secret must decode to 24-64 bytes; it decodes to ${bytes}.`;
  return undefined;
}

/** Problems to fix before sending, by field (empty when the form may be sent). */
export function validateWebhookForm(values: WebhookFormValues): WebhookFormErrors {
  const errors: WebhookFormErrors = {};
  const url = urlProblem(values.url);
  if (url) errors.url = url;
  if (values.events.length === 0) errors.events = 'Pick at least one event.';
  if (values.description.length > 500) errors.description = 'At most 500 characters.';
  const secret = secretProblem(values.secret.trim());
  if (secret) errors.secret = secret;
  const schedule = parseSchedule(values.retrySchedule).problem;
  if (schedule) errors.retrySchedule = schedule;
  return errors;
}

const events = (values: WebhookFormValues) => values.events as EventName[];

const schedule = (values: WebhookFormValues) => parseSchedule(values.retrySchedule).schedule!;

/**
 * POST /webhooks: the secret only when one was typed (else the server generates it), the
 * retry schedule only when it is not Flowhub's default (which then stays the default).
 */
export function createBody(values: WebhookFormValues): CreateWebhookBody {
  const secret = values.secret.trim();
  const retrySchedule = schedule(values);
  return {
    url: values.url.trim(),
    events: events(values),
    description: values.description.trim() || undefined,
    isActive: values.isActive,
    includeRequestBody: values.includeRequestBody,
    signatureFormat: values.signatureFormat,
    ...(sameSchedule(retrySchedule, DEFAULT_SCHEDULE) ? {} : { retrySchedule }),
    ...(secret ? { secret } : {}),
  };
}

/** PUT /webhooks/:id: every field of the form; the secret changes only by rotation. */
export function updateBody(values: WebhookFormValues): UpdateWebhookBody {
  return {
    url: values.url.trim(),
    events: events(values),
    description: values.description.trim(),
    isActive: values.isActive,
    retrySchedule: schedule(values),
    includeRequestBody: values.includeRequestBody,
    signatureFormat: values.signatureFormat,
  };
}

/** The field a server's 400 message is about ("url: ...", "events: ...", "secret must ..."). */
export function fieldOfMessage(message: string): WebhookField | undefined {
  const match = /^(url|events|secret|description|retrySchedule)\b/.exec(message.trim());
  return match ? (match[1] as WebhookField) : undefined;
}

/** Toggles one event in the chosen list, keeping the catalogue's order. */
export function toggleEvent(chosen: string[], name: string, order: string[]): string[] {
  const next = chosen.includes(name) ? chosen.filter((e) => e !== name) : [...chosen, name];
  return next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
