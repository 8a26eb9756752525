import { isCatchPath, redactCatchPath } from './catch-not-found.js';

describe('catch paths in any spelling', () => {
  it.each([
    '/webhook/catch/f/k',
    '/Webhook/catch/f/k',
    '//webhook/catch/f/k',
    '/WEBHOOK/CATCH/f/k',
    '/webhook//catch/f/k',
    '/webhook%2Fcatch%2Ff%2Fk',
    '/webhook%252Fcatch/f/k',
    '/%77ebhook/catch/f/k',
    '/webhook/catch?x=1',
  ])('%s is a catch path', (url) => {
    expect(isCatchPath(url)).toBe(true);
  });

  it.each(['/api/v1/flows', '/health', '/webhooks/catcher', undefined])(
    '%s is not a catch path',
    (url) => {
      expect(isCatchPath(url)).toBe(false);
    },
  );

  it('leaves other paths as they are', () => {
    expect(redactCatchPath('/api/v1/flows/%41')).toBe('/api/v1/flows/%41');
  });
});
