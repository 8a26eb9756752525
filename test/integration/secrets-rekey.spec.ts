import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rekeySecrets } from '../../src/cli/rekey.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/entities.js';
import { SecretBox } from '../../src/secrets/secret-box.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_MASTER_KEYS, type TestApp } from '../support/boot-test-app.js';

describe('master key rotation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PLUGINS: './test/fixtures/plugins/vault-plugin.mjs' });
  });
  afterAll(() => app.stop());

  it('re-encrypts connection secrets, catch keys and verify secrets under the new first key', async () => {
    const api = apiClient(app.url!);
    const connection = (
      await api.post('/api/v1/connections', {
        name: 'v',
        plugin: 'vault',
        fields: { apiKey: 'good-rekey-123', region: 'eu' },
      })
    ).body;
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'f',
        trigger: { type: 'webhook', verify: { preset: 'github', secret: 'gh-rekey-secret' } },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
    const webhook = await api.post('/api/v1/webhooks', {
      url: 'https://hooks.example.com/x',
      events: ['run.failed'],
    });
    expect(webhook.status).toBe(201);
    const named = await api.post('/api/v1/secrets', {
      name: 'ERP',
      value: 'named-rekey-123',
      hosts: ['erp.example.com'],
    });
    expect(named.status).toBe(201);
    const [oldId, oldKey] = TEST_MASTER_KEYS.split(':');
    const newKey = { id: 'k2', key: randomBytes(32) };
    const both = new SecretBox([newKey, { id: oldId, key: Buffer.from(oldKey, 'base64') }]);
    const dataSource = await new DataSource(
      dataSourceOptions(app.database.url, ENTITIES),
    ).initialize();
    try {
      expect(await rekeySecrets(dataSource, both)).toEqual({
        connectionSecrets: 1,
        catchKeys: 1,
        verifySecrets: 1,
        webhookSecrets: 1,
        namedSecrets: 1,
      });
      expect(await rekeySecrets(dataSource, both)).toEqual({
        connectionSecrets: 0,
        catchKeys: 0,
        verifySecrets: 0,
        webhookSecrets: 0,
        namedSecrets: 0,
      });
      const onlyNew = new SecretBox([newKey]);
      const [row] = await dataSource.query('SELECT secrets FROM connections WHERE id = $1', [
        connection.id,
      ]);
      expect(row.secrets.apiKey).toMatch(/^fhs1\.k2\./);
      expect(onlyNew.decrypt(row.secrets.apiKey, `connection:${connection.id}:apiKey`)).toBe(
        'good-rekey-123',
      );
      const [namedRow] = await dataSource.query(
        "SELECT value_sealed FROM named_secrets WHERE name = 'ERP'",
      );
      expect(onlyNew.decrypt(namedRow.value_sealed, 'named-secret:ERP')).toBe('named-rekey-123');
      const [flowRow] = await dataSource.query(
        'SELECT catch_key_sealed, verify_secrets_sealed FROM flows WHERE id = $1',
        [flow.id],
      );
      const verify = onlyNew.decrypt(
        flowRow.verify_secrets_sealed,
        `flow:${flow.id}:verifySecrets`,
      );
      expect(JSON.parse(verify)[0].secret).toBe('gh-rekey-secret');
      expect(onlyNew.decrypt(flowRow.catch_key_sealed, `flow:${flow.id}:catchKey`)).toBe(
        flow.catchUrl.split('/').pop(),
      );
    } finally {
      await dataSource.destroy();
    }
  });
});
