import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ProblemList } from './ProblemList';

afterEach(cleanup);

describe('ProblemList', () => {
  it('shows nothing without problems', () => {
    const { container } = render(<ProblemList problems={[]} goTo={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('lists each server problem as a button that goes to its path', () => {
    const goTo = vi.fn();
    render(
      <ProblemList
        problems={[
          { path: 'steps[0].action', message: "unknown action 'x'" },
          { path: '', message: 'a flow needs a name' },
        ]}
        goTo={goTo}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Flowhub found 2 problems');
    const first = screen.getByRole('button', { name: 'steps[0].action' });
    expect(first.getAttribute('aria-describedby')).toBe('problem-0');
    fireEvent.click(first);
    expect(goTo).toHaveBeenCalledWith({ path: 'steps[0].action' });
    fireEvent.click(screen.getByRole('button', { name: 'the definition' }));
    expect(goTo).toHaveBeenLastCalledWith({ path: '' });
  });

  it('goes to a JSON syntax problem by its offset', () => {
    const goTo = vi.fn();
    const syntax = { from: 4, to: 5, message: 'JSON syntax error at line 1, column 5: x' };
    render(<ProblemList syntax={syntax} problems={[]} goTo={goTo} />);
    expect(screen.getByRole('alert').textContent).toContain('Not sent');
    fireEvent.click(screen.getByRole('button', { name: 'JSON syntax' }));
    expect(goTo).toHaveBeenCalledWith(syntax);
  });
});
