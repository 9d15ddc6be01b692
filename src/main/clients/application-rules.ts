import type { ApplicationInput, ClientType } from '../../shared/contract/clients';
import { DeskError, type FieldIssue } from '../../shared/errors';
import { normalizeEmail } from '../../shared/identity/contacts';
import type { GrantType, Scope } from '../../shared/oauth/scopes';
import { redirectUriIssues } from './redirect-uri';

/** What the token service needs to be consistent: which grants, for which scopes, back to which addresses. */
export interface ClientShape {
  clientType: ClientType;
  grantTypes: readonly GrantType[];
  scopes: readonly Scope[];
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
}

const issue = (path: string, reason: string, message: string): FieldIssue => ({ path, reason, message });

function duplicates<T>(list: readonly T[]): boolean {
  return new Set(list).size !== list.length;
}

/** Grants, scopes and redirect URIs that fit together (RFC 6749, RFC 8252, OpenID Connect Core). */
export function clientShapeIssues(shape: ClientShape): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const grants = new Set(shape.grantTypes);
  const code = grants.has('authorization_code');

  if (shape.grantTypes.length === 0) issues.push(issue('grantTypes', 'required', 'choose at least one grant type'));
  else if (duplicates(shape.grantTypes)) issues.push(issue('grantTypes', 'duplicate', 'a grant type is listed twice'));
  else if (grants.has('refresh_token') && !code) {
    issues.push(issue('grantTypes', 'refresh_needs_code', 'refresh tokens come with the authorization code grant only'));
  } else if (shape.clientType === 'public' && grants.has('client_credentials')) {
    issues.push(issue('grantTypes', 'public_client_credentials', 'a public client holds no secret, so it cannot use client credentials'));
  } else if (shape.clientType === 'public' && !code) {
    issues.push(issue('grantTypes', 'public_needs_code', 'a public client signs users in with the authorization code grant and PKCE'));
  }

  if (duplicates(shape.scopes)) issues.push(issue('scopes', 'duplicate', 'a scope is listed twice'));
  else if (code && !shape.scopes.includes('openid')) {
    issues.push(issue('scopes', 'openid_required', 'applications that sign users in need the openid scope'));
  } else if (shape.scopes.includes('offline_access') && !grants.has('refresh_token')) {
    issues.push(issue('scopes', 'offline_needs_refresh', 'offline_access needs the refresh token grant'));
  } else if (shape.scopes.includes('identity_code') && !code) {
    issues.push(issue('scopes', 'identity_code_needs_code', "identity_code is the holder's own code: it needs the authorization code grant"));
  }

  if (code && shape.redirectUris.length === 0) {
    issues.push(issue('redirectUris', 'required', 'the authorization code grant needs at least one redirect URI'));
  }
  if (!code && shape.redirectUris.length > 0) {
    issues.push(issue('redirectUris', 'unused', 'redirect URIs are only used with the authorization code grant'));
  }
  if (!code && shape.postLogoutRedirectUris.length > 0) {
    issues.push(issue('postLogoutRedirectUris', 'unused', 'users only sign out of applications that sign them in'));
  }
  issues.push(...redirectUriIssues('redirectUris', shape.redirectUris));
  issues.push(...redirectUriIssues('postLogoutRedirectUris', shape.postLogoutRedirectUris));
  return issues;
}

function homepageProblem(homepage: string): FieldIssue | null {
  if (!homepage) return issue('homepage', 'required', 'enter the address of the application');
  let url: URL;
  try {
    url = new URL(homepage);
  } catch {
    return issue('homepage', 'not_absolute', 'is not an absolute URL (https://host/path)');
  }
  if (url.protocol !== 'https:') return issue('homepage', 'not_https', 'the application must be served over https');
  if (url.username || url.password) return issue('homepage', 'userinfo', 'contains a user name or password before the host (@)');
  return null;
}

/** Office numbers (021-54742208) and mobiles, with an optional + and country code. */
const PHONE = /^\+?[0-9][0-9 ()-]{4,28}[0-9]$/;

/** Every problem of an application at once, each at its field. */
export function applicationIssues(input: ApplicationInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const required: [string, string][] = [
    ['appName', input.appName],
    ['department', input.department],
    ['purpose', input.purpose],
    ['contact.name', input.contact.name],
  ];
  for (const [path, value] of required) if (!value) issues.push(issue(path, 'required', 'is required'));
  const homepage = homepageProblem(input.homepage);
  if (homepage) issues.push(homepage);
  if (!input.contact.email) issues.push(issue('contact.email', 'required', 'is required'));
  else if (!normalizeEmail(input.contact.email)) issues.push(issue('contact.email', 'format', 'is not an email address'));
  if (!input.contact.phone) issues.push(issue('contact.phone', 'required', 'is required'));
  else if (!PHONE.test(input.contact.phone)) issues.push(issue('contact.phone', 'format', 'is not a telephone number'));
  if (input.clientType === 'public' && input.tokenEndpointAuthMethod) {
    issues.push(issue('tokenEndpointAuthMethod', 'public_no_secret', 'a public client has no secret to authenticate with'));
  }
  issues.push(...clientShapeIssues(input));
  return issues;
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new DeskError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { fields: issues });
}
