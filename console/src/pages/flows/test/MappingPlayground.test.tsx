import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Run } from '../../../api/client';
import { MappingPlayground } from './MappingPlayground';
import type { EvaluateBody } from './logic';
import { failed, FLOW, mockApi, ok, renderWithQuery, REQUESTS } from './test-support';

afterEach(cleanup);

type Init = { body?: unknown; signal?: AbortSignal };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Evaluates `{ 'total': amount * 2 }`-like expressions by echoing the expression back. */
const echo = async (_path: string, init: Init) => {
  const body = init.body as EvaluateBody;
  return ok({ matched: true, result: { echoed: body.expression }, error: null });
};

const mapField = () => screen.getByRole('textbox', { name: /^map/ });
const mapResult = () => screen.getByRole('region', { name: 'Result of map' });
const evaluated = (post: { mock: { calls: unknown[][] } }) =>
  post.mock.calls.map((call) => (call[1] as Init).body as EvaluateBody);

describe('MappingPlayground: evaluating', () => {
  it("shows the first step's map and when and evaluates them against the newest request", async () => {
    const { post } = mockApi(echo);
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    expect((mapField() as HTMLTextAreaElement).value).toBe("{ 'total': amount * 2 }");
    await within(mapResult()).findByText(/"echoed": "\{ 'total': amount \* 2 \}"/);
    expect(evaluated(post)).toEqual([
      { expression: "{ 'total': amount * 2 }", requestId: REQUESTS[0].id },
    ]);
    expect(screen.getByText(/Nothing here is saved/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy map expression' })).toBeTruthy();
    const input = screen.getByText('Input the expression sees').closest('details')!;
    expect(input.textContent).toContain('"x-sender": "shop"');
  });

  it('waits for typing to pause, then asks once for what the field holds', async () => {
    const { post } = mockApi(echo);
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    await within(mapResult()).findByText(/echoed/);
    await userEvent.clear(mapField());
    await userEvent.type(mapField(), 'amount + 1');
    await within(mapResult()).findByText(/"echoed": "amount \+ 1"/);
    await sleep(400);
    expect(evaluated(post).map((body) => body.expression)).toEqual([
      "{ 'total': amount * 2 }",
      'amount + 1',
    ]);
  });
});

describe('MappingPlayground: stale answers and errors', () => {
  it('never shows an answer to an older expression, and aborts its request', async () => {
    const signals: AbortSignal[] = [];
    mockApi(async (_path, init: Init) => {
      const { expression } = init.body as EvaluateBody;
      signals.push(init.signal!);
      if (expression === 'slow') await sleep(700);
      return ok({ matched: true, result: `answer to ${expression}`, error: null });
    });
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    await within(mapResult()).findByText(/answer to \{/);
    fireEvent.change(mapField(), { target: { value: 'slow' } });
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(within(mapResult()).getByText(/evaluating/)).toBeTruthy();
    fireEvent.change(mapField(), { target: { value: 'fast' } });
    await within(mapResult()).findByText('"answer to fast"');
    expect(signals[1].aborted).toBe(true);
    await sleep(800);
    expect(within(mapResult()).getByText('"answer to fast"')).toBeTruthy();
    expect(within(mapResult()).queryByText(/answer to slow/)).toBeNull();
  });

  it('shows an evaluation error with its position', async () => {
    mockApi(async () =>
      ok({
        matched: false,
        result: null,
        error:
          'expression: JSONata syntax error at position 9: Expected ")" before end of expression',
      }),
    );
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    fireEvent.change(mapField(), { target: { value: '$sum(a, ' } });
    const alert = await within(mapResult()).findByRole('alert');
    expect(alert.textContent).toContain('syntax error at position 9');
    expect(within(alert).getByLabelText('At position 9').textContent).toBe('$sum(a, \n        ^');
  });

  it("shows the server's message when it refuses the evaluation", async () => {
    mockApi(async () => failed("No request 'x' of this flow", 404));
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    const alert = await within(mapResult()).findByRole('alert');
    expect(alert.textContent).toBe("No request 'x' of this flow");
  });
});

describe('MappingPlayground: choosing the data', () => {
  it("uses a past run's outputs of the earlier steps as $steps", async () => {
    const past = {
      id: '55555555-5555-4555-8555-555555555555',
      flowId: FLOW.id,
      status: 'succeeded',
      mode: 'live',
      createdAt: '2026-12-03T10:06:00.000Z',
      steps: [
        { id: 'shape', output: { total: 42 } },
        { id: 'notify', output: { status: 200 } },
      ],
    } as unknown as Run;
    const { post } = mockApi(echo, [past]);
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Step' }), 'notify');
    expect((mapField() as HTMLTextAreaElement).value).toContain('$steps.shape.total');
    const runs = screen.getByRole('combobox', { name: /outputs/ });
    await screen.findByRole('option', { name: /succeeded/ });
    await userEvent.selectOptions(runs, past.id);
    await waitFor(() =>
      expect(evaluated(post)).toContainEqual({
        expression: "{ 'body': { 'total': $steps.shape.total } }",
        requestId: REQUESTS[0].id,
        steps: { shape: { total: 42 } },
      }),
    );
    const when = screen.getByRole('textbox', { name: /^when/ }) as HTMLTextAreaElement;
    expect(when.value).toBe('amount > 0');
  });

  it('evaluates against a pasted payload and keeps edits per step', async () => {
    const { post } = mockApi(echo);
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    await userEvent.click(screen.getByRole('radio', { name: 'Paste a payload' }));
    fireEvent.change(screen.getByLabelText(/Payload/), { target: { value: '{"amount": 7}' } });
    fireEvent.change(mapField(), { target: { value: 'amount' } });
    await waitFor(() =>
      expect(evaluated(post)).toContainEqual({ expression: 'amount', payload: { amount: 7 } }),
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Step' }), 'notify');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Step' }), 'shape');
    expect((mapField() as HTMLTextAreaElement).value).toBe('amount');
  });
});

describe('MappingPlayground: a forEach step', () => {
  it('shows its forEach and sends the typed $item with its map, not with forEach', async () => {
    const { post } = mockApi(echo);
    renderWithQuery(<MappingPlayground flow={FLOW} role="viewer" />);
    expect(screen.queryByRole('textbox', { name: /^forEach/ })).toBeNull();
    expect(screen.queryByLabelText(/\$item/)).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Step' }), 'each');
    const forEach = screen.getByRole('textbox', { name: /^forEach/ }) as HTMLTextAreaElement;
    expect(forEach.value).toBe('lines');
    expect(screen.getByText('Empty: $item is undefined')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/\$item/), { target: { value: '{"sku": "X-1"}' } });
    await waitFor(() =>
      expect(evaluated(post)).toContainEqual({
        expression: "{ 'sku': $item.sku }",
        requestId: REQUESTS[0].id,
        item: { sku: 'X-1' },
      }),
    );
    expect(evaluated(post)).toContainEqual({ expression: 'lines', requestId: REQUESTS[0].id });
  });
});
