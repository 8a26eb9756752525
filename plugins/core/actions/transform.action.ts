import { defineAction } from '@flowhub/plugin-sdk';

/** Any fields (the action allows unknown input): the output is the input, shaped by `map`. */
export class TransformInput {
  [field: string]: unknown;
}

export const transform = defineAction<TransformInput, Record<string, unknown>>({
  displayName: 'Transform',
  description: 'Outputs its input as it is: use the step map to reshape data for later steps.',
  input: TransformInput,
  sideEffects: false,
  allowUnknownInput: true,
  run: async ({ input }) => ({ ...input }),
});
