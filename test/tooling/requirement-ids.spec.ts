import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Requirement ids in code and tests (`VER-2: ...`) are the ones docs/requirements.md defines. */
describe('requirement ids', () => {
  const ID = /\b(?:VER|ING|OUT|SEC)-\d+\b/g;
  const defined = new Set(
    [...readFileSync('docs/requirements.md', 'utf8').matchAll(/^- \*\*([A-Z]+-\d+)\*\*/gm)].map(
      (match) => match[1],
    ),
  );

  it('docs/requirements.md defines ids', () => {
    expect(defined.size).toBeGreaterThan(10);
  });

  it('every id used in src/, plugins/ and test/ is defined there', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '-co', '--exclude-standard', 'src', 'plugins', 'test'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((file) => /\.(ts|mjs)$/.test(file));
    const undefinedIds = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return []; // deleted in the work tree
      }
      return [...text.matchAll(ID)]
        .map((match) => match[0])
        .filter((id) => !defined.has(id))
        .map((id) => `${file}: ${id}`);
    });
    expect(undefinedIds).toEqual([]);
  });
});
