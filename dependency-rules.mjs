// Flowhub's architecture: which of our files may import which. Checked by
// `node scripts/check-deps.mjs` (part of `npm run check`); see docs/adr/0005-dependency-rules.md.
//
// - Paths are relative to the repo root. A pattern ending in `/` is a folder, anything else
//   one file. Only relative imports (`./x.js`, `../dir/index.js`, `import type`, `export ... from`,
//   `import()`) are edges; packages such as `@nestjs/common` are eslint's job (eslint.config.js).
// - Production code is every .ts file in src/ and plugins/ except test code: `*.spec.ts` and
//   anything under a `__tests__/` folder. Test code may import any of our files, except that
//   plugins' tests may reach into src/ only through the SDK and the few helpers listed below.
// - No cycles, anywhere (file level; test code included).
// - `layers`: lower first. Production code imports its own layer or lower ones, never higher.
//   Every production file in src/ and plugins/ must belong to a layer.
// - `knownViolations`: what breaks a rule today and is being redesigned. The list only shrinks:
//   a new violation fails the check, and so does an entry that no longer happens.

/** Lower first. One entry per folder (or top-level file); a layer may import only entries above it in this list. */
export const layers = [
  // Infrastructure
  'src/engine/',
  'src/plugin-sdk/',
  'plugins/',
  'src/secrets/',
  'src/config/',
  'src/common/',
  'src/database/',
  'src/queue/',
  // Features
  'src/metrics/',
  'src/api-keys/',
  'src/plugin-host/',
  'src/connections/',
  'src/named-secrets/',
  'src/webhooks/',
  'src/flows/',
  'src/runs/',
  'src/catch/',
  'src/health/',
  // App wiring
  'src/entities.ts',
  'src/boot-banner.ts',
  'src/openapi.ts',
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
    name: 'plugin-sdk-on-engine-only',
    from: /^src\/plugin-sdk\//,
    allow: ['src/plugin-sdk/', 'src/engine/'],
    why: 'the SDK is the whole surface plugins see; it may only build on the engine',
    fix: 'move the piece into src/plugin-sdk/ or src/engine/',
  },
  {
    name: 'plugins-on-sdk-only',
    from: /^plugins\/(?!__tests__\/)([^/]+)\//,
    allow: ['src/plugin-sdk/', 'plugins/$1/'],
    why: "a plugin sees only the SDK and its own folder, never the host's internals or another plugin",
    fix: 'import it from src/plugin-sdk/index.js, or ask for it to be added to the SDK',
  },
  {
    name: 'plugins-index-lists-plugins',
    from: /^plugins\/index\.ts$/,
    allow: ['plugins/', 'src/plugin-sdk/'],
    why: 'plugins/index.ts only registers the built-in plugins',
    fix: 'import only plugin folders and src/plugin-sdk/',
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
      'src/plugin-sdk/',
      // What plugins' tests use today, and nothing more:
      'src/common/egress/__tests__/loopback-server.ts',
      'src/common/egress/egress-client.ts',
      'src/engine/step-errors.ts',
      'src/plugin-host/plugin-registry.ts',
    ],
    why: "plugins' tests run the plugin the way the host does, not through src/ internals",
    fix: 'use plugins/__tests__/action-context.ts or test/fakes/, or the SDK',
  },
];

// Why each known violation is still here: the issue 17 redesign (in progress) that removes it.
const STORED_REQUEST =
  'removed by issue 17: catch <-> runs untangled; catch-request helpers move below both';
const CREDENTIAL_HEADERS =
  'removed by issue 17: common <-> plugin-sdk untangled; credential headers move into the SDK';
const EGRESS =
  'removed by issue 17: common <-> plugin-sdk untangled; the egress client moves out of common/';
const HTTP_PLUGIN =
  'removed by issue 17: auth.ts takes the connection type from a file both import (type-only edge)';
const RUN_STEPS = 'removed by issue 17: AttemptResult moves to run-steps.types.ts (type-only edge)';

/** Rule name -> `from -> to` (for no-cycles: the cycle's path) -> why it is still allowed. */
export const knownViolations = {
  'no-cycles': {
    'plugins/http/auth.ts -> plugins/http/connection.ts -> plugins/http/auth.ts': HTTP_PLUGIN,
    'src/runs/run-steps.repository.ts -> src/runs/run-steps.sql.ts -> src/runs/run-steps.repository.ts':
      RUN_STEPS,
  },
  'plugin-sdk-on-engine-only': {
    'src/plugin-sdk/index.ts -> src/common/credential-headers.ts': CREDENTIAL_HEADERS,
  },
  'common-on-engine-and-config-only': {
    'src/common/egress/egress-client.ts -> src/plugin-sdk/http-client.ts': EGRESS,
  },
  'layer-order': {
    'src/plugin-sdk/index.ts -> src/common/credential-headers.ts': CREDENTIAL_HEADERS,
    'src/runs/runs.service.ts -> src/catch/catch-request.ts': STORED_REQUEST,
  },
};
