import { API_PREFIX } from './api-prefix.js';
import { absolute, apiPath, links } from './links.js';

describe('API links', () => {
  it('builds every path on API_PREFIX and encodes each segment', () => {
    expect(apiPath('runs')).toBe(`/${API_PREFIX}/runs`);
    expect(links.run('0b7c')).toBe(`/${API_PREFIX}/runs/0b7c`);
    expect(links.flowRejections('f1')).toBe(`/${API_PREFIX}/flows/f1/rejections`);
    expect(links.secret('a b/c')).toBe(`/${API_PREFIX}/secrets/a%20b%2Fc`);
  });

  it('is absolute on the public URL when one is set', () => {
    expect(absolute('https://hub.example.com', links.flow('f1'))).toBe(
      `https://hub.example.com/${API_PREFIX}/flows/f1`,
    );
    expect(absolute(undefined, links.flow('f1'))).toBe(`/${API_PREFIX}/flows/f1`);
  });
});
