import { useState } from 'react';

/**
 * Copies `value` to the clipboard and says so for two seconds ("Copied", announced to screen
 * readers). `label` names what is copied: "Copy catch URL".
 */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard permission (plain http on another host): select it
    }
    setTimeout(() => setState('idle'), 2000);
  }
  return (
    <>
      <button type="button" className="copy" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted copy-state">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : ''}
      </span>
    </>
  );
}
