import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';

/** One action per file, named after the action: plugins/<plugin>/actions/<action-key>.action.ts. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('plugin action files', () => {
  const folders = readdirSync('plugins', { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && readdirSync(join('plugins', entry.name)).includes('actions'),
    )
    .map((entry) => entry.name);

  it.each(folders)('plugins/%s/actions/ holds one defineAction per file', (folder) => {
    const files = readdirSync(join('plugins', folder, 'actions'));
    const counts = files.map((file) => {
      const text = readFileSync(join('plugins', folder, 'actions', file), 'utf8');
      return [file, (text.match(/defineAction\s*[<(]/g) ?? []).length];
    });
    expect(counts).toEqual(files.map((file) => [file, 1]));
  });

  it.each(BUILT_IN_PLUGINS.map((plugin) => [plugin.name, Object.keys(plugin.actions)] as const))(
    "%s: each action's file is named after its key",
    (name, keys) => {
      const files = readdirSync(join('plugins', name, 'actions')).sort();
      expect(files).toEqual(keys.map((key) => `${kebab(key)}.action.ts`).sort());
    },
  );
});
