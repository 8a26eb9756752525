import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { DiffView } from './DiffView';

afterEach(cleanup);

describe('DiffView', () => {
  it('marks lines with a sign, ins/del and spoken words, not by colour alone', () => {
    render(<DiffView before={'a\nb\nc'} after={'a\nB\nc'} title="Version 1 → version 2" />);
    expect(screen.getByRole('status').textContent).toBe(
      'Version 1 → version 2: 1 line added (+), 1 removed (−).',
    );
    const removed = document.querySelector('tr.diff-removed')!;
    expect(removed.querySelector('.diff-sign')!.textContent).toBe('−');
    expect(removed.querySelector('del')!.textContent).toBe('Removed: b');
    const added = document.querySelector('tr.diff-added')!;
    expect(added.querySelector('.diff-sign')!.textContent).toBe('+');
    expect(added.querySelector('ins')!.textContent).toBe('Added: B');
    expect(screen.getByRole('region', { name: 'Version 1 → version 2' })).toBeTruthy();
  });

  it('says when two versions are the same', () => {
    render(<DiffView before="x" after="x" title="Version 2 → version 2" />);
    expect(screen.getByRole('status').textContent).toBe('Version 2 → version 2: no differences.');
  });
});
