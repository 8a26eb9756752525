/** Placeholder until this page lands (issue 18). */
export function OverviewPage() {
  return <h1>Overview</h1>;
}
