import { definePlugin } from '@flowhub/plugin-sdk';
import { delay } from './actions/delay.action.js';
import { respond } from './actions/respond.action.js';
import { transform } from './actions/transform.action.js';

export const core = definePlugin({
  name: 'core',
  version: '1.0.0',
  displayName: 'Core',
  description: 'Building blocks: reshape data, wait, reply to a synchronous catch URL.',
  actions: { transform, delay, respond },
});
