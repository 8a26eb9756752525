import { definePlugin } from '@flowhub/plugin-sdk';
import { request } from './actions/request.action.js';
import { httpConnection } from './connection.js';

export const http = definePlugin({
  name: 'http',
  version: '1.0.0',
  displayName: 'HTTP',
  description: 'Call any webhook or HTTP API through the egress guard.',
  connection: httpConnection,
  actions: { request },
});
