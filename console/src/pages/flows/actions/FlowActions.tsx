import type { Flow } from '../../../api/client';
import { can, type Role } from '../../../roles';
import { DeleteFlow } from './DeleteFlow';
import { PauseButton } from './PauseButton';
import { RotateKey } from './RotateKey';
import { RotateSecret } from './RotateSecret';

/**
 * What the role may do to the flow: pause/activate (operator, admin); rotate the catch key,
 * rotate the signing secret (a flow with trigger.verify) and delete (admin). A viewer sees none.
 */
export function FlowActions({ flow, role }: { flow: Flow; role: Role }) {
  if (!can(role, 'operator')) return null;
  const admin = can(role, 'admin');
  return (
    <div className="flow-actions">
      <div className="toolbar">
        <PauseButton flow={flow} />
        {admin && <RotateKey flow={flow} />}
        {admin && flow.definition.trigger.verify && <RotateSecret flow={flow} />}
        {admin && <DeleteFlow flow={flow} />}
      </div>
    </div>
  );
}
