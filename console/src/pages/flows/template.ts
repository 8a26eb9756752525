/**
 * What /flows/new starts from: a webhook trigger and one core.transform step whose map
 * reshapes the body ($ is the caught body), ready to save and post to.
 */
export const FLOW_TEMPLATE = {
  name: 'New flow',
  description: 'Catches a webhook and reshapes its body for the next steps',
  trigger: { type: 'webhook' },
  steps: [
    {
      id: 'shape',
      action: 'core.transform',
      map: "{ 'orderId': order.id, 'total': order.total, 'customer': customer.email }",
    },
  ],
};

/** The definition as the editor shows it: JSON, two spaces. */
export const definitionText = (definition: unknown): string => JSON.stringify(definition, null, 2);
