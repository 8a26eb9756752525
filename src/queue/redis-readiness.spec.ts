import { judgeRedis, parseRedisInfo } from './redis-readiness.js';

const INFO = (policy: string, aof: 0 | 1) =>
  `# Memory\r\nused_memory:1000\r\nmaxmemory_policy:${policy}\r\n# Persistence\r\naof_enabled:${aof}\r\n`;

describe('Redis readiness', () => {
  it('reads the eviction policy and AOF state from INFO', () => {
    expect(parseRedisInfo(INFO('noeviction', 1))).toEqual({
      maxmemoryPolicy: 'noeviction',
      aofEnabled: true,
    });
    expect(parseRedisInfo(INFO('allkeys-lru', 0))).toEqual({
      maxmemoryPolicy: 'allkeys-lru',
      aofEnabled: false,
    });
  });

  it('refuses any policy but noeviction, naming the policy and the fix', () => {
    const verdict = judgeRedis({ maxmemoryPolicy: 'allkeys-lru', aofEnabled: true });
    expect(verdict.fatal).toMatch(/maxmemory-policy=allkeys-lru/);
    expect(verdict.fatal).toMatch(/CONFIG SET maxmemory-policy noeviction/);
  });

  it('warns when AOF is off', () => {
    const verdict = judgeRedis({ maxmemoryPolicy: 'noeviction', aofEnabled: false });
    expect(verdict.fatal).toBeUndefined();
    expect(verdict.warning).toMatch(/append-only file \(AOF\) is off/);
  });

  it('is quiet for a production-ready Redis', () => {
    expect(judgeRedis({ maxmemoryPolicy: 'noeviction', aofEnabled: true })).toEqual({});
  });
});
