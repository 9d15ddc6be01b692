import { describe, expect, it } from 'vitest';
import { redirectUriIssues, redirectUriProblem } from '../../src/main/clients/redirect-uri';

describe('redirect URI rules', () => {
  it('accepts https addresses and loopback http for native apps', () => {
    for (const uri of [
      'https://courses.sjtu.edu.cn/oauth/callback',
      'https://courses.sjtu.edu.cn:8443/cb?tenant=nic',
      'https://10.119.1.5/cb',
      'http://127.0.0.1:49152/callback',
      'http://127.0.0.1/callback',
      'http://[::1]:8080/cb',
    ]) {
      expect(redirectUriProblem(uri), uri).toBeNull();
    }
  });

  it('refuses http to anything but the loopback interface', () => {
    expect(redirectUriProblem('http://courses.sjtu.edu.cn/cb')).toBe('not_https');
    expect(redirectUriProblem('http://127.0.0.2/cb')).toBe('not_https');
    expect(redirectUriProblem('http://127.1/cb')).toBe('not_https');
    expect(redirectUriProblem('http://127.0.0.1.evil.example/cb')).toBe('not_https');
    expect(redirectUriProblem('http://localhost:8080/cb')).toBe('localhost');
  });

  it('refuses fragments, wildcards and user info', () => {
    expect(redirectUriProblem('https://app.sjtu.edu.cn/cb#done')).toBe('fragment');
    expect(redirectUriProblem('https://app.sjtu.edu.cn/cb#')).toBe('fragment');
    expect(redirectUriProblem('https://*.sjtu.edu.cn/cb')).toBe('wildcard');
    expect(redirectUriProblem('https://app.sjtu.edu.cn/*')).toBe('wildcard');
    expect(redirectUriProblem('https://user:pw@app.sjtu.edu.cn/cb')).toBe('userinfo');
    expect(redirectUriProblem('https://good.sjtu.edu.cn@evil.example/cb')).toBe('userinfo');
    expect(redirectUriProblem('http://127.0.0.1@evil.example/cb')).toBe('userinfo');
  });

  it('refuses other schemes, relative and malformed addresses', () => {
    expect(redirectUriProblem('')).toBe('empty');
    expect(redirectUriProblem('javascript:alert(1)')).toBe('scheme');
    expect(redirectUriProblem('cn.edu.sjtu.app:/callback')).toBe('scheme');
    expect(redirectUriProblem('ftp://files.sjtu.edu.cn/cb')).toBe('scheme');
    expect(redirectUriProblem('/callback')).toBe('not_absolute');
    expect(redirectUriProblem('app.sjtu.edu.cn/callback')).toBe('not_absolute');
    expect(redirectUriProblem('https:app.sjtu.edu.cn')).toBe('not_absolute');
    expect(redirectUriProblem('https:///callback')).toBe('no_host');
    expect(redirectUriProblem('https://app.sjtu.edu.cn:0/cb')).toBe('bad_port');
    expect(redirectUriProblem('https://app.sjtu.edu.cn:99999/cb')).toBe('bad_port');
    expect(redirectUriProblem('https://app.sjtu.edu.cn:/cb')).toBe('bad_port');
    expect(redirectUriProblem('https://app.sjtu.edu.cn/a b')).toBe('whitespace');
    expect(redirectUriProblem('https://evil.example\\@app.sjtu.edu.cn/')).toBe('backslash');
    expect(redirectUriProblem(`https://app.sjtu.edu.cn/${'a'.repeat(600)}`)).toBe('too_long');
  });

  it('names each offending entry by its index, and a repeated one', () => {
    const issues = redirectUriIssues('redirectUris', [
      'https://app.sjtu.edu.cn/cb',
      'http://app.sjtu.edu.cn/cb',
      'https://app.sjtu.edu.cn/cb',
      'https://app.sjtu.edu.cn/cb#x',
    ]);
    expect(issues.map((i) => [i.path, i.reason])).toEqual([
      ['redirectUris.1', 'not_https'],
      ['redirectUris.2', 'duplicate'],
      ['redirectUris.3', 'fragment'],
    ]);
    expect(issues[0]!.message).toMatch(/^entry 2 uses http/);
  });
});
