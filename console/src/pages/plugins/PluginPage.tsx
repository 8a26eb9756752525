/** Placeholder until this page lands (issue 18): one plugin's actions and input schemas. */
export function PluginPage({ name }: { name: string }) {
  return <h1>Plugin {name}</h1>;
}
