/** Hostile path parameters and query strings for the management API (issue 15, item 3). */
import type { ApiCase, Ids } from './api-input-cases.js';

const VERSION_RANGE = /^version must be a whole number from 1 to 2147483647/;
const PAGE_LIMIT = /^Query is invalid: limit must be a whole number from 1 to 100$/;
const BAD_CURSOR = /cursor is not valid: pass the nextCursor of a previous page/;
const cursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
const ZERO_ID = '00000000-0000-0000-0000-000000000000';

/** Path parameters and query strings: numbers out of range, bad ids, forged cursors. */
export function paramAndQueryCases(ids: Ids): ApiCase[] {
  const versions = [
    '99999999999999999999',
    '2147483648',
    '0',
    '-1',
    '1.5',
    '1e400',
    '0x10',
    '%201',
    'abc',
    '%00',
  ];
  const limits = [
    '1e400',
    '0',
    '-1',
    '1.5',
    'abc',
    '99999999999999999999',
    '101',
    '1e2',
    '1&limit=2',
  ];
  const cursors = [
    'abc',
    cursor('2026-01-01 00:00:00+00', '-'.repeat(36)),
    cursor('2026-13-45 25:61:61+00', ZERO_ID),
    cursor('0000-01-01 00:00:00+00', ZERO_ID),
    '%00',
  ];
  const uuidRoutes = [
    ['GET', '/api/v1/flows/not-a-uuid'],
    ['GET', '/api/v1/flows/not-a-uuid/versions/1'],
    ['POST', '/api/v1/flows/%00/test'],
    ['GET', '/api/v1/runs/1'],
    ['GET', `/api/v1/webhooks/${'9'.repeat(36)}`],
    ['POST', `/api/v1/webhooks/${ids.webhook}/deliveries/nope/redeliver`],
    ['DELETE', '/api/v1/api-keys/x'],
    ['GET', '/api/v1/flows/x/rejections'],
  ];
  return [
    ...versions.map((version) => ({
      name: `version ${version}`,
      method: 'GET',
      path: `/api/v1/flows/${ids.flow}/versions/${version}`,
      status: 400,
      message: VERSION_RANGE,
    })),
    ...limits.map((limit) => ({
      name: `runs limit ${limit}`,
      method: 'GET',
      path: `/api/v1/runs?limit=${limit}`,
      status: 400,
      message: PAGE_LIMIT,
    })),
    ...limits.map((limit) => ({
      name: `deliveries limit ${limit}`,
      method: 'GET',
      path: `/api/v1/webhooks/${ids.webhook}/deliveries?limit=${limit}`,
      status: 400,
      message: PAGE_LIMIT,
    })),
    ...cursors.map((value) => ({
      name: `runs cursor ${value}`,
      method: 'GET',
      path: `/api/v1/runs?cursor=${value}`,
      status: 400,
      message: /cursor/,
    })),
    ...cursors.slice(1, 3).map((value) => ({
      name: `deliveries cursor ${value}`,
      method: 'GET',
      path: `/api/v1/webhooks/${ids.webhook}/deliveries?cursor=${value}`,
      status: 400,
      message: BAD_CURSOR,
    })),
    ...uuidRoutes.map(([method, path]) => ({
      name: `${method} ${path}`,
      method,
      path,
      status: 400,
      message: /^id must be a UUID: an? \w/,
    })),
    ...['%00', 'a%00b', '.hidden', '%20x'].map((ref) => ({
      name: `connection ref ${ref}`,
      method: 'GET',
      path: `/api/v1/connections/${ref}`,
      status: 400,
      message: /^id must be a connection's id \(a UUID\) or its name/,
    })),
    {
      name: 'PATCH connection ref NUL',
      method: 'PATCH',
      path: '/api/v1/connections/a%00',
      body: '{}',
      status: 400,
      message: /connection's id/,
    },
    {
      name: 'includeRevoked=x',
      method: 'GET',
      path: '/api/v1/api-keys?includeRevoked=x',
      status: 400,
      message: /includeRevoked must be true or false/,
    },
    {
      name: 'includeRevoked[]',
      method: 'GET',
      path: '/api/v1/api-keys?includeRevoked[]=true',
      status: 400,
      message: /should not exist/,
    },
    {
      name: 'is_active=maybe',
      method: 'GET',
      path: '/api/v1/webhooks?is_active=maybe',
      status: 400,
      message: /is_active must be true or false/,
    },
    {
      name: 'runs flowId NUL',
      method: 'GET',
      path: '/api/v1/runs?flowId=%00',
      status: 400,
      message: /^Query field flowId contains U\+0000/,
    },
    {
      name: 'runs status array',
      method: 'GET',
      path: '/api/v1/runs?status=a&status=b',
      status: 400,
      message: /^Query is invalid: status/,
    },
    {
      name: 'deliveries event NUL',
      method: 'GET',
      path: `/api/v1/webhooks/${ids.webhook}/deliveries?event=%00`,
      status: 400,
      message: /U\+0000/,
    },
  ];
}
