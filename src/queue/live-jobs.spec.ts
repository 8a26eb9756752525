import { liveJobIndex } from './live-jobs.js';

const RUN = '3f0c5e52-1b7a-4c1e-9d7e-2a6b8c4d0e1f';
const OTHER = '9a0c5e52-1b7a-4c1e-9d7e-2a6b8c4d0e1f';

describe('liveJobIndex', () => {
  const live = liveJobIndex([
    `run-${RUN}-start`,
    `run-${RUN}-step-deal-2`,
    `run-${RUN}-step-notify-erp-3-r29412345`,
    `run-${RUN}-step-nap-wake-1`,
    `run-${OTHER}-start-r29412345`,
    'repeat:system-health',
  ]);

  it('finds step jobs under every tag, hyphenated step ids included', () => {
    expect(live.hasStep(RUN, 'deal')).toBe(true);
    expect(live.hasStep(RUN, 'notify-erp')).toBe(true);
    expect(live.hasStep(RUN, 'nap')).toBe(true);
  });

  it('does not confuse a step with another whose id it prefixes', () => {
    expect(live.hasStep(RUN, 'notify')).toBe(false);
    expect(live.hasStep(RUN, 'shape')).toBe(false);
    expect(live.hasStep(OTHER, 'deal')).toBe(false);
  });

  it('finds start jobs, re-enqueued ones included', () => {
    expect(live.hasStart(RUN)).toBe(true);
    expect(live.hasStart(OTHER)).toBe(true);
    expect(live.hasStart('00000000-0000-0000-0000-000000000000')).toBe(false);
  });
});
