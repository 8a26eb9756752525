/** One problem found in a flow definition: where (a JSON path such as `steps[0].action`) and what. */
export interface FlowProblem {
  path: string;
  message: string;
}
