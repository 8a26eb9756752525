// Flowhub's architecture: which of our files may import which. Checked by
// `node scripts/check-deps.mjs` (part of `npm run check`); see docs/adr/0005-dependency-rules.md.
//
// - Paths are relative to the repo root. A pattern ending in `/` is a folder, anything else
//   one file. Only relative imports (`./x.js`, `../dir/index.js`, `import type`, `export ... from`,
//   `import()`) are edges; packages such as `@nestjs/common` are eslint's job (eslint.config.js).
// - Production code is every .ts file in src/, plugins/ and packages/ (not dist/) except test
//   code: `*.spec.ts` and anything under a `__tests__/` folder. Test code may import any of our
//   files, except that plugins' tests may reach into src/ only through the few helpers listed
//   below. The plugin SDK is the workspace package packages/plugin-sdk, imported as
//   `@flowhub/plugin-sdk` (a package import, so no edge here); a relative import into
//   packages/ is an edge, and refused.
// - No cycles, anywhere (file level; test code included).
// - `layers`: lower first. Production code imports its own layer or lower ones, never higher.
//   Every production file in src/ and plugins/ must belong to a layer.
// - `knownViolations`: what breaks a rule today and is being redesigned. The list only shrinks:
//   a new violation fails the check, and so does an entry that no longer happens.

/** Lower first. One entry per folder (or top-level file); a layer may import only entries above it in this list. */
export const layers = [
  // Infrastructure
  'packages/plugin-sdk/',
  'src/engine/',
  'plugins/',
  'src/secrets/',
  'src/config/',
  'src/common/',
  'src/database/',
  'src/queue/',
  'src/events/',
  // Features
  'src/metrics/',
  'src/api-keys/',
  'src/plugin-host/',
  'src/connections/',
  'src/named-secrets/',
  'src/webhooks/',
  'src/flows/',
  'src/runs/',
  'src/retention/',
  'src/stats/',
  'src/issues/',
  'src/schedules/',
  'src/catch/',
  'src/health/',
  // App wiring
  'src/entities.ts',
  'src/boot-banner.ts',
  'src/openapi.ts',
  'src/console/',
  'src/app.module.ts',
  'src/boot.ts',
  'src/main.ts',
  'src/cli/',
];

/** `from` is matched against the importing file; `allow` lists what it may import (`$1` is from's first group). */
export const rules = [
  {
    name: 'engine-is-self-contained',
    from: /^src\/engine\//,
    allow: ['src/engine/'],
    why: 'src/engine/ is the pure core every other part builds on',
    fix: 'move the shared piece into src/engine/ or pass it in from the caller',
  },
  {
    name: 'plugin-sdk-is-self-contained',
    from: /^packages\/plugin-sdk\//,
    allow: ['packages/plugin-sdk/'],
    why: 'the SDK package is the whole surface plugins see and ships alone: nothing of ours below it',
    fix: 'move the piece into packages/plugin-sdk/src/, or keep it in the host',
  },
  {
    name: 'plugins-on-sdk-only',
    // $1: the plugin's folder; $2: its vendor (zoho-crm -> zoho), whose <vendor>-shared/ it may use
    from: /^plugins\/(?!__tests__\/)(([^/-]+)[^/]*)\//,
    allow: ['plugins/$1/', 'plugins/$2-shared/'],
    why: "a plugin sees only @flowhub/plugin-sdk, its own folder and its vendor's shared folder (plugins/zoho-shared/), never the host's internals or another plugin",
    fix: 'import it from @flowhub/plugin-sdk, or move vendor code both plugins need into plugins/<vendor>-shared/',
  },
  {
    name: 'plugins-index-lists-plugins',
    from: /^plugins\/index\.ts$/,
    allow: ['plugins/'],
    why: 'plugins/index.ts only registers the built-in plugins',
    fix: 'import only plugin folders (and @flowhub/plugin-sdk)',
  },
  {
    name: 'common-on-engine-and-config-only',
    from: /^src\/common\//,
    allow: ['src/common/', 'src/engine/', 'src/config/'],
    why: 'src/common/ is shared by every feature, so it cannot know any of them',
    fix: 'move the piece into src/common/, or let the feature pass it in',
  },
  {
    name: 'plugin-tests-use-sdk',
    code: 'test',
    from: /^plugins\//,
    allow: [
      'plugins/',
      'test/',
      // What plugins' tests use today, and nothing more (the SDK is @flowhub/plugin-sdk/testing):
      'src/common/egress/__tests__/loopback-server.ts',
      'src/common/egress/egress-client.ts',
      'src/engine/step-errors.ts',
      'src/plugin-host/plugin-registry.ts',
    ],
    why: "plugins' tests run the plugin the way the host does, not through src/ internals",
    fix: 'use @flowhub/plugin-sdk/testing, plugins/__tests__/action-context.ts or test/fakes/',
  },
];

/**
 * Rule name -> `from -> to` (for no-cycles: the cycle's path) -> why it is still allowed and
 * what removes it. Empty since issue 17: keep it so.
 */
export const knownViolations = {};
