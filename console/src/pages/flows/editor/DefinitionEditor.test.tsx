import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/query';
import { DefinitionEditor } from './DefinitionEditor';

afterEach(cleanup);

/** The editor's content element (CodeMirror lives in the host's shadow root). */
const content = () =>
  document.querySelector('.json-editor')!.shadowRoot!.querySelector('.cm-content')!;

function setup(initial: string, save = vi.fn().mockResolvedValue(undefined), readOnly = false) {
  render(<DefinitionEditor initial={initial} readOnly={readOnly} saveLabel="Save" save={save} />);
  return save;
}

describe('DefinitionEditor', () => {
  it('labels the editor and sends the parsed definition', async () => {
    const save = setup('{"name": "a", "steps": []}');
    expect(content().getAttribute('aria-label')).toBe('Flow definition (JSON)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ name: 'a', steps: [] }));
  });

  it('sends nothing when the JSON does not parse, and lists the syntax problem', async () => {
    const save = setup('{"name": "a",}');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Not sent: the definition is not valid JSON.', { exact: false });
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByText(/JSON syntax error at line 1, column 14/)).toBeTruthy();
  });

  it("lists a 400's problems by path, and shows any other failure's message", async () => {
    const details = [{ path: 'steps[0].action', message: "unknown action 'x'" }];
    const save = vi
      .fn()
      .mockRejectedValueOnce(new ApiError('invalid', 400, { details }))
      .mockRejectedValueOnce(new ApiError('Only an admin may do this', 403, {}));
    setup('{"steps": [{"action": "x"}]}', save);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'steps[0].action' });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Only an admin may do this');
    expect(screen.queryByRole('button', { name: 'steps[0].action' })).toBeNull();
  });

  it('is read only without a Save button for a role that may not change flows', () => {
    setup('{}', vi.fn(), true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(content().getAttribute('aria-readonly')).toBe('true');
    expect(content().getAttribute('contenteditable')).toBe('true'); // still focusable and selectable
  });
});
