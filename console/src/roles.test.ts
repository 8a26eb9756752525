import { describe, expect, it } from 'vitest';
import { can } from './roles';

describe('can', () => {
  it('ranks viewer < operator < admin', () => {
    expect([can('viewer', 'operator'), can('viewer', 'admin')]).toEqual([false, false]);
    expect([can('operator', 'operator'), can('operator', 'admin')]).toEqual([true, false]);
    expect([can('admin', 'operator'), can('admin', 'admin')]).toEqual([true, true]);
  });
});
