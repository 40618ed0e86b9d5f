import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['/auth/github/callback?code=0a1b2c3d4e5f&state=TAE7DJ2hHV31', '/auth/github/callback?code=[redacted]&state=[redacted]'],
    [
      'https://github.com/login/oauth/authorize?response_type=code&redirect_uri=https%3A%2F%2Fnixsec.example.org%2Fauth%2Fgithub%2Fcallback&scope=read%3Auser%2Cread%3Aorg&state=Zx9&client_id=Iv1.db2d',
      'https://github.com/login/oauth/authorize?response_type=code&redirect_uri=https%3A%2F%2Fnixsec.example.org%2Fauth%2Fgithub%2Fcallback&scope=read%3Auser%2Cread%3Aorg&state=[redacted]&client_id=Iv1.db2d',
    ],
    ['/?loginError=The%20user%20has%20denied', '/?loginError=The%20user%20has%20denied'],
    ['/auth/github/callback?error=access_denied&state=abc', '/auth/github/callback?error=access_denied&state=[redacted]'],
    ['/graphql?access_token=gho_1&Token=2', '/graphql?access_token=[redacted]&Token=[redacted]'],
    // An encoded name is still recognised; a bare value (no name) is hidden too.
    ['/x?%63ode=1&ghp_abcdef', '/x?%63ode=[redacted]&[redacted]'],
    ['/x?returnTo=%2Ftriage&empty=&', '/x?returnTo=%2Ftriage&empty=&'],
    ['/cb#access_token=gho_1', '/cb'],
    ['/graphql', '/graphql'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('returns what is not a string unchanged', () => {
    expect(redactUrl(undefined)).toBeUndefined();
    expect(redactUrl(['a'])).toEqual(['a']);
  });
});
