import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * An external plugin as its author writes it: plain ESM in its own folder, depending only on
 * @flowhub/plugin-sdk (linked into its node_modules, as `npm install` would), loaded through
 * FLOWHUB_PLUGINS. Its action declares a URL input, which gets the save-time egress check
 * http.request's url gets.
 */
const PLUGIN = `import { defineAction, definePlugin, FatalError } from '@flowhub/plugin-sdk';
import { IsString, IsUrl } from '@flowhub/plugin-sdk/validators';

class PingInput {}
IsUrl({ require_tld: false })(PingInput.prototype, 'target');
IsString()(PingInput.prototype, 'note');

export default definePlugin({
  name: 'pinger',
  version: '2.0.0',
  displayName: 'Pinger',
  actions: {
    ping: defineAction({
      displayName: 'Ping',
      description: 'Echoes what it would ping',
      input: PingInput,
      inputFields: {
        target: { description: 'Where to ping', example: 'https://status.example.com/ping', url: true },
        note: { description: 'Free text' },
      },
      sideEffects: false,
      run: async ({ input }) => {
        if (input.note === 'fail') throw new FatalError('asked to fail');
        return { pinged: input.target, note: input.note };
      },
    }),
  },
});
`;

describe('an external plugin built on @flowhub/plugin-sdk alone', () => {
  let folder: string;
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'flowhub-external-plugin-'));
    const dependencies = { '@flowhub/plugin-sdk': `file:${resolve('packages/plugin-sdk')}` };
    const manifest = { name: 'flowhub-plugin-pinger', type: 'module', main: 'index.js' };
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...manifest, dependencies }));
    writeFileSync(join(folder, 'index.js'), PLUGIN);
    mkdirSync(join(folder, 'node_modules', '@flowhub'), { recursive: true });
    symlinkSync(resolve('packages/plugin-sdk'), join(folder, 'node_modules/@flowhub/plugin-sdk'));
    app = await bootTestApp({ FLOWHUB_PLUGINS: join(folder, 'index.js') });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is loaded and lists its action with the declared field descriptions', async () => {
    expect(app.logs.join('\n')).toContain('Loaded plugin pinger@2.0.0');
    expect(app.logs.join('\n')).not.toContain('Skipped a plugin from FLOWHUB_PLUGINS');
    const { status, body } = await api.get('/api/v1/plugins/pinger');
    expect(status).toBe(200);
    const [ping] = body.actions;
    expect(ping).toMatchObject({ action: 'pinger.ping', sideEffects: false });
    expect(ping.inputFields).toEqual([
      {
        path: 'target',
        description: 'Where to ping',
        example: 'https://status.example.com/ping',
        url: true,
      },
      { path: 'note', description: 'Free text', url: false },
    ]);
    expect(ping.inputSchema.properties.target).toMatchObject({
      type: 'string',
      description: 'Where to ping',
      examples: ['https://status.example.com/ping'],
    });
  });

  it('runs its action in a flow', async () => {
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'Ping',
        trigger: { type: 'webhook' },
        steps: [
          {
            id: 'ping',
            action: 'pinger.ping',
            input: { target: 'https://status.example.com/ping' },
            map: "{ 'note': who }",
          },
        ],
      })
    ).body;
    const run = await api.waitForRun(
      (await postToCatch(flow.catchUrl, '{"who":"Camille"}')).body.runId,
    );
    expect(run.steps[0].output).toEqual({
      pinged: 'https://status.example.com/ping',
      note: 'Camille',
    });
  });

  it('gets the save-time egress check on the input it declared as a URL', async () => {
    const { status, body } = await api.post('/api/v1/flows', {
      name: 'Ping the metadata service',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'ping',
          action: 'pinger.ping',
          input: { target: 'http://169.254.169.254/latest/meta-data', note: 'x' },
        },
      ],
    });
    expect(status).toBe(400);
    expect(body.details).toEqual([
      {
        path: 'steps[0].input.target',
        message: expect.stringMatching(
          /169\.254\.169\.254 is an internal address, which is blocked/,
        ),
      },
    ]);
  });
});
