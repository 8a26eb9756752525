import type { ConnectionDefinition } from '@flowhub/plugin-sdk';
import { endpointProblems } from './endpoint-fields.js';

const http = { endpointFields: { baseUrl: {} } } as unknown as ConnectionDefinition;
const zoho = {
  endpointFields: { accountsUrl: { hosts: ['zoho.com', 'zoho.eu'] } },
} as unknown as ConnectionDefinition;

describe('endpointProblems', () => {
  it('refuses a plain-http endpoint without a host list unless the operator allows the host', () => {
    const problems = endpointProblems(http, { baseUrl: 'http://erp.example.com/api' }, []);
    expect(problems).toEqual([
      {
        path: 'fields.baseUrl',
        message: expect.stringMatching(
          /^baseUrl must be an https URL .*FLOWHUB_EGRESS_ALLOW_HOSTS=erp\.example\.com$/,
        ),
      },
    ]);
    expect(
      endpointProblems(http, { baseUrl: 'http://erp.example.com' }, ['erp.example.com']),
    ).toEqual([]);
    expect(endpointProblems(http, { baseUrl: 'https://erp.example.com/api' }, [])).toEqual([]);
  });

  it("keeps listed endpoints on the plugin's hosts", () => {
    expect(endpointProblems(zoho, { accountsUrl: 'https://accounts.zoho.eu' }, [])).toEqual([]);
    const [problem] = endpointProblems(zoho, { accountsUrl: 'https://zoho.eu.evil.example' }, []);
    expect(problem.message).toMatch(/not one of this plugin's hosts/);
  });
});
