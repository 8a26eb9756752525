import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** One counter's value from a Prometheus text page (0 when the series is absent). */
function value(page: string, series: string): number {
  const line = page.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function knownMix(app: TestApp) {
  const api = apiClient(app.url!);
  const make = async (name: string, map: string) =>
    (
      await api.post('/api/v1/flows', {
        name,
        trigger: { type: 'webhook', dedupe: "$trigger.headers.'x-id'", maxBodyBytes: 200 },
        steps: [{ id: 'a', action: 'core.transform', map }],
      })
    ).body;
  const good = await make('Good', "{ 'n': n }");
  const bad = await make('Bad', '$error("no")');
  const post = (flow: { catchUrl: string }, id: string, body = '{"n":1}') =>
    postToCatch(flow.catchUrl, body, 'application/json', { 'x-id': id });
  const runs = [await post(good, 'g1'), await post(good, 'g2'), await post(bad, 'b1')];
  await post(good, 'g1'); // a duplicate
  await post(bad, 'b2', JSON.stringify({ pad: 'x'.repeat(300) })); // body-too-large
  for (const caught of runs) await api.waitForRun(caught.body.runId);
  expect((await api.post('/api/v1/stats/rollup')).status).toBe(200);
  return {
    good: good.id as string,
    bad: bad.id as string,
    page: await (await fetch(`${app.url}/metrics`)).text(),
  };
}

/** Issue 19: Prometheus has the totals always, and per-flow counters only when asked. */
describe('request and run counters in /metrics', () => {
  it('counts per flow with FLOWHUB_METRICS_PER_FLOW=true, and the totals', async () => {
    const app = await bootTestApp({ FLOWHUB_METRICS_PER_FLOW: 'true' });
    try {
      const { good, bad, page } = await knownMix(app);
      expect(value(page, 'flowhub_catch_accepted_total')).toBe(3);
      expect(value(page, 'flowhub_catch_duplicates_total')).toBe(1);
      expect(value(page, 'flowhub_runs_finished_total{status="succeeded"}')).toBe(2);
      expect(value(page, 'flowhub_runs_finished_total{status="failed"}')).toBe(1);
      expect(value(page, `flowhub_flow_catch_accepted_total{flow_id="${good}"}`)).toBe(2);
      expect(value(page, `flowhub_flow_catch_accepted_total{flow_id="${bad}"}`)).toBe(1);
      expect(value(page, `flowhub_flow_catch_duplicates_total{flow_id="${good}"}`)).toBe(1);
      expect(
        value(page, `flowhub_flow_catch_rejected_total{flow_id="${bad}",reason="body-too-large"}`),
      ).toBe(1);
      expect(
        value(page, `flowhub_flow_runs_finished_total{flow_id="${good}",status="succeeded"}`),
      ).toBe(2);
      expect(
        value(page, `flowhub_flow_runs_finished_total{flow_id="${bad}",status="failed"}`),
      ).toBe(1);
    } finally {
      await app.stop();
    }
  });

  it('has no flow_id series by default (one series per flow is the operator’s choice)', async () => {
    const app = await bootTestApp();
    try {
      const { page } = await knownMix(app);
      expect(value(page, 'flowhub_catch_accepted_total')).toBe(3);
      expect(value(page, 'flowhub_runs_finished_total{status="failed"}')).toBe(1);
      expect(page).not.toContain('flow_id=');
    } finally {
      await app.stop();
    }
  });
});
