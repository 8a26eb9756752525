import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueName } from '../../src/queue/queue-names.js';

/**
 * Nest modules match folders: a feature's module registers only classes from its own folder,
 * every queue is named once in QueueName and registered only by queue/, and each queue has
 * exactly one processor, in the folder of the feature that owns the queue's jobs.
 */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

/** The names listed in `key: [...]` of a @Module({...}) and where each one is imported from. */
function registered(source: string, key: 'controllers' | 'providers'): [string, string][] {
  const imports = new Map<string, string>();
  for (const match of source.matchAll(/import \{([^}]+)\} from '([^']+)'/g)) {
    for (const name of match[1].split(','))
      imports.set(name.replace(/^\s*type\s+/, '').trim(), match[2]);
  }
  const out: [string, string][] = [];
  for (const list of source.matchAll(new RegExp(`${key}: \\[([^\\]]*)\\]`, 'g'))) {
    for (const name of list[1].match(/\b[A-Z][a-z]\w*\b/g) ?? []) {
      if (imports.has(name)) out.push([name, imports.get(name) as string]);
    }
  }
  return out;
}

describe('modules match folders', () => {
  const files = sources('src');

  // config/ provides the boot-time Runtime and the SecretBox built from it: wiring, not a feature
  const features = files.filter(
    (file) => file.endsWith('.module.ts') && !file.startsWith(join('src', 'config')),
  );

  it.each(features)('%s registers only controllers and providers of its own folder', (file) => {
    const source = readFileSync(file, 'utf8');
    const foreign = [...registered(source, 'controllers'), ...registered(source, 'providers')]
      .filter(([, from]) => !from.startsWith('./') && from.startsWith('.'))
      .map(([name, from]) => `${name} from ${from}`);
    expect(foreign).toEqual([]);
  });

  it('the catch controllers belong to CatchModule', () => {
    const catchModule = readFileSync('src/catch/catch.module.ts', 'utf8');
    expect(
      registered(catchModule, 'controllers')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['CatchController', 'FlowRejectionsController']);
  });

  it('every queue is named in QueueName, registered by queue/ only, with one processor', () => {
    const literalQueues = files.filter((file) =>
      /(@InjectQueue|@Processor|registerQueue)\(\s*'/.test(readFileSync(file, 'utf8')),
    );
    expect(literalQueues).toEqual([]);
    const registering = files.filter((file) =>
      readFileSync(file, 'utf8').includes('registerQueue('),
    );
    expect(registering).toEqual([join('src', 'queue', 'queue.module.ts')]);

    const processors = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@Processor\(QueueName\.(\w+)/g)].map(
        (match) => [match[1], file] as const,
      ),
    );
    expect(Object.keys(QueueName).sort()).toEqual(['runs', 'system', 'webhooks']);
    expect(processors.sort()).toEqual([
      ['runs', join('src', 'runs', 'runs.processor.ts')],
      ['webhooks', join('src', 'webhooks', 'webhooks.processor.ts')],
    ]);
  });

  it('every injectable provider lives in a file named for its role', () => {
    const role =
      /\.(service|repository|controller|guard|filter|pipe|interceptor|job|processor|cache|health|bootstrap)\.ts$/;
    const unnamed = files.filter(
      (file) => readFileSync(file, 'utf8').includes('@Injectable()') && !role.test(file),
    );
    expect(unnamed).toEqual([]);
  });
});
