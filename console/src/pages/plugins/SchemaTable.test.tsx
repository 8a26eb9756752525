import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { SchemaTable } from './SchemaTable';

afterEach(cleanup);

const schema = {
  type: 'object',
  properties: {
    method: { type: 'string', enum: ['GET', 'POST'], description: 'The HTTP method.' },
    sign: {
      type: 'object',
      properties: { secret: { type: 'string', minLength: 1 } },
      required: ['secret'],
    },
  },
  required: ['method'],
  additionalProperties: false,
};

describe('SchemaTable', () => {
  it('shows one row per field, nested ones indented, with required and allowed values', () => {
    render(<SchemaTable schema={schema} label="Input of http.request" />);
    const table = screen.getByRole('table', { name: 'Input of http.request' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-path'))).toEqual([
      'method',
      'sign',
      'sign.secret',
    ]);
    const secret = within(rows[2]).getByRole('rowheader');
    expect(secret.className).toContain('depth-1');
    expect(rows[2].textContent).toContain('required');
    expect(rows[1].textContent).toContain('optional');
    expect(rows[0].textContent).toContain('One of: GET, POST');
    expect(rows[0].textContent).toContain('The HTTP method.');
  });

  it('says so when an action declares no field', () => {
    render(<SchemaTable schema={{ type: 'object', additionalProperties: true }} label="x" />);
    expect(screen.getByText('No declared fields.')).toBeTruthy();
    expect(screen.getByText('Fields not listed here are accepted too.')).toBeTruthy();
  });
});
