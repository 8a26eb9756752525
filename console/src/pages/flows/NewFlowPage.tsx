import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Flow } from '../../api/client';
import type { components } from '../../api/schema';
import { unwrap } from '../../api/query';
import { can, type Role } from '../../roles';
import { linkTo, navigate } from '../../router';
import { paths } from '../../routes';
import { DefinitionEditor } from './editor/DefinitionEditor';
import { definitionText, FLOW_TEMPLATE } from './template';
import './flows.css';

type Definition = components['schemas']['FlowDefinitionDto'];

const TEMPLATE_TEXT = definitionText(FLOW_TEMPLATE);

/** /flows/new: a flow's JSON from a template; Create sends POST /flows and opens the flow. */
export function NewFlowPage({ role }: { role: Role }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (definition: Record<string, unknown>) =>
      unwrap(api.POST('/api/v1/flows', { body: definition as unknown as Definition })),
    onSuccess: (flow: Flow) => {
      queryClient.setQueryData(['flow', flow.id], flow);
      void queryClient.invalidateQueries({ queryKey: ['flows'] });
      navigate(paths.flow(flow.id));
    },
  });
  return (
    <section>
      <p>
        <a href="/flows" onClick={linkTo('/flows')}>
          ← All flows
        </a>
      </p>
      <h1>New flow</h1>
      {can(role, 'admin') ? (
        <>
          <p className="muted">
            A webhook trigger and one <code>core.transform</code> step to start from: its{' '}
            <code>map</code> (JSONata) reshapes the caught body. Flowhub checks the definition when
            you create it and marks each problem where it is.
          </p>
          <DefinitionEditor
            initial={TEMPLATE_TEXT}
            readOnly={false}
            saveLabel="Create flow"
            save={create.mutateAsync}
          />
        </>
      ) : (
        <p className="error" role="alert">
          Only an admin may create flows: your key is a {role} key.
        </p>
      )}
    </section>
  );
}
