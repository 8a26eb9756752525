import { handshakeReply } from './handshake.js';

describe('catch URL handshakes', () => {
  it("echoes Slack's url_verification challenge and nothing else", () => {
    expect(
      handshakeReply('slack', { type: 'url_verification', challenge: 'abc', token: 't' }),
    ).toEqual({ challenge: 'abc' });
    expect(handshakeReply('slack', { type: 'event_callback', challenge: 'abc' })).toBeUndefined();
    expect(handshakeReply('slack', { type: 'url_verification' })).toBeUndefined();
  });

  it('echoes any challenge field with echo-challenge, and nothing without a handshake', () => {
    expect(handshakeReply('echo-challenge', { challenge: 'xyz' })).toEqual({ challenge: 'xyz' });
    expect(handshakeReply('echo-challenge', { challenge: 42 })).toBeUndefined();
    expect(handshakeReply(undefined, { challenge: 'xyz' })).toBeUndefined();
    expect(handshakeReply('echo-challenge', 'challenge')).toBeUndefined();
  });
});
