/** Placeholder until this page lands (issue 18). */
export function PluginsPage() {
  return <h1>Plugins</h1>;
}
