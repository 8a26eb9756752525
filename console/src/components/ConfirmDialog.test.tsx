import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ConfirmDialog } from './ConfirmDialog';

afterEach(cleanup);

describe('ConfirmDialog', () => {
  let props: Omit<Parameters<typeof ConfirmDialog>[0], 'open'>;
  beforeEach(() => {
    props = { title: 'Delete it?', confirmLabel: 'Delete', onConfirm: vi.fn(), onCancel: vi.fn() };
  });

  it('opens as a modal only while open, and confirms or cancels', () => {
    const { rerender } = render(<ConfirmDialog {...props} open={false} />);
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(false);
    rerender(<ConfirmDialog {...props} open />);
    expect(dialog.open).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(props.onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    rerender(<ConfirmDialog {...props} open={false} />);
    expect(dialog.open).toBe(false);
  });

  it('names each of two dialogs by its own title', () => {
    render(
      <>
        <ConfirmDialog {...props} open />
        <ConfirmDialog {...props} title="Rotate it?" open={false} />
      </>,
    );
    const [first, second] = Array.from(document.querySelectorAll('dialog'));
    const title = (dialog: Element) =>
      document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent;
    expect([title(first), title(second)]).toEqual(['Delete it?', 'Rotate it?']);
  });

  it('turns Escape into onCancel and keeps the dialog under the parent’s control', () => {
    render(<ConfirmDialog {...props} open />);
    const dialog = document.querySelector('dialog')!;
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    expect(dialog.open).toBe(true);
  });
});
