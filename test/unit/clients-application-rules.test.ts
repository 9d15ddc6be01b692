import { describe, expect, it } from 'vitest';
import { applicationIssues, clientShapeIssues } from '../../src/main/clients/application-rules';
import type { ApplicationInput } from '../../src/shared/contract/clients';

const VALID: ApplicationInput = {
  appName: '研究生迎新系统',
  department: '研究生院',
  purpose: 'Freshmen sign in with jAccount to register.',
  homepage: 'https://welcome.example.edu.cn/',
  clientType: 'confidential',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'offline_access'],
  redirectUris: ['https://welcome.example.edu.cn/callback'],
  postLogoutRedirectUris: [],
  contact: { name: '赵老师', email: 'welcome@example.edu.cn', phone: '021-34206000' },
};

const reasons = (input: ApplicationInput) => applicationIssues(input).map((i) => `${i.path}:${i.reason}`);

describe('application rules', () => {
  it('accept a complete application', () => {
    expect(applicationIssues(VALID)).toEqual([]);
    expect(applicationIssues({ ...VALID, grantTypes: ['client_credentials'], scopes: [], redirectUris: [] })).toEqual([]);
    expect(
      applicationIssues({ ...VALID, clientType: 'public', grantTypes: ['authorization_code'], scopes: ['openid'], redirectUris: ['http://127.0.0.1:7000/cb'] }),
    ).toEqual([]);
  });

  it('report every missing or malformed field at once', () => {
    const empty = { ...VALID, appName: '', department: '', purpose: '', homepage: 'http://welcome.example.edu.cn', contact: { name: '', email: 'nobody', phone: '12' } };
    expect(reasons(empty)).toEqual([
      'appName:required',
      'department:required',
      'purpose:required',
      'contact.name:required',
      'homepage:not_https',
      'contact.email:format',
      'contact.phone:format',
    ]);
  });

  it('keep public clients to the authorization code grant without a secret', () => {
    expect(reasons({ ...VALID, clientType: 'public', grantTypes: ['authorization_code', 'client_credentials'] })).toContain(
      'grantTypes:public_client_credentials',
    );
    expect(reasons({ ...VALID, clientType: 'public', grantTypes: [], scopes: [], redirectUris: [] })).toEqual(['grantTypes:required']);
    expect(reasons({ ...VALID, clientType: 'public', tokenEndpointAuthMethod: 'client_secret_basic' })).toContain(
      'tokenEndpointAuthMethod:public_no_secret',
    );
  });

  it('make grants, scopes and redirect URIs fit together', () => {
    const shape = { clientType: 'confidential' as const, postLogoutRedirectUris: [] };
    const check = (grantTypes: string[], scopes: string[], redirectUris: string[]) =>
      clientShapeIssues({ ...shape, grantTypes, scopes, redirectUris } as never).map((i) => `${i.path}:${i.reason}`);
    expect(check([], [], [])).toEqual(['grantTypes:required']);
    expect(check(['refresh_token'], [], [])).toEqual(['grantTypes:refresh_needs_code']);
    expect(check(['authorization_code'], ['profile'], ['https://a.example.edu.cn/cb'])).toEqual(['scopes:openid_required']);
    expect(check(['authorization_code'], ['openid', 'offline_access'], ['https://a.example.edu.cn/cb'])).toEqual([
      'scopes:offline_needs_refresh',
    ]);
    expect(check(['authorization_code'], ['openid'], [])).toEqual(['redirectUris:required']);
    expect(check(['client_credentials'], [], ['https://a.example.edu.cn/cb'])).toEqual(['redirectUris:unused']);
    expect(check(['authorization_code'], ['openid'], ['https://a.example.edu.cn/cb', 'http://a.example.edu.cn/cb'])).toEqual([
      'redirectUris.1:not_https',
    ]);
  });
});
