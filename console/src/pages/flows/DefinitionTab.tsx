import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Flow } from '../../api/client';
import type { components } from '../../api/schema';
import { unwrap } from '../../api/query';
import { can, type Role } from '../../roles';
import { DefinitionEditor } from './editor/DefinitionEditor';
import { definitionText } from './template';

type Definition = components['schemas']['FlowDefinitionDto'];

interface Loaded {
  version: number;
  text: string;
}

const loadedFrom = (flow: Flow): Loaded => ({
  version: flow.version,
  text: definitionText(flow.definition),
});

function useSave(flow: Flow, onSaved: (flow: Flow) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: Record<string, unknown>) =>
      unwrap(
        api.PUT('/api/v1/flows/{id}', {
          params: { path: { id: flow.id } },
          body: definition as unknown as Definition,
        }),
      ),
    onSuccess: (saved: Flow) => {
      queryClient.setQueryData(['flow', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['flows'] });
      void queryClient.invalidateQueries({ queryKey: ['flow-versions', saved.id] });
      onSaved(saved);
    },
  });
}

/**
 * The definition in the editor. An admin saves a new version (PUT); the editor then starts
 * from what the server stored. A version saved elsewhere meanwhile is offered, not forced on
 * the user's unsaved text. Other roles read it.
 */
export function DefinitionTab({ flow, role }: { flow: Flow; role: Role }) {
  const editable = can(role, 'admin');
  const [loaded, setLoaded] = useState<Loaded>(() => loadedFrom(flow));
  const [saved, setSaved] = useState<number>();
  const save = useSave(flow, (stored) => {
    setLoaded(loadedFrom(stored));
    setSaved(stored.version);
  });
  const shown = editable ? loaded : loadedFrom(flow);
  return (
    <>
      <h2 className="flows-sr-only">Definition</h2>
      {editable && flow.version > loaded.version && (
        <p className="warning" role="status">
          Version {flow.version} was saved since you opened version {loaded.version}.{' '}
          <button type="button" onClick={() => setLoaded(loadedFrom(flow))}>
            Load version {flow.version}
          </button>{' '}
          (drops your unsaved changes)
        </p>
      )}
      <p className="muted">
        Version {shown.version}.{' '}
        {editable &&
          'Saving creates the next version; runs already started keep theirs. A trigger.verify secret is never shown: leave it out to keep the stored one.'}
      </p>
      {saved === shown.version && (
        <p role="status" className="saved">
          Saved as version {saved}: new runs use it.
        </p>
      )}
      <DefinitionEditor
        key={`${shown.version}:${editable}`}
        initial={shown.text}
        readOnly={!editable}
        saveLabel={`Save as version ${Math.max(flow.version, shown.version) + 1}`}
        save={save.mutateAsync}
      />
    </>
  );
}
