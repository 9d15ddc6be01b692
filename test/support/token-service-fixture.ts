import type { ApplicationInput } from '../../src/shared/contract/clients';
import { activateAccount } from '../../src/main/accounts/activation';
import type { SessionCarrier } from '../../src/main/rpc/context';
import type { TestDesk } from './desk-fixture';

/** An application through the whole workflow: submitted, leader-approved, approved. Returns its client. */
export async function issueClient(t: TestDesk, jar: SessionCarrier, overrides: Partial<ApplicationInput> = {}) {
  const submitted = await t.call(
    'clients.submit',
    {
      appName: '教务选课系统',
      department: '教务处',
      purpose: 'Course selection signs students in with jAccount.',
      homepage: 'https://courses.example.edu.cn',
      clientType: 'confidential',
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes: ['openid', 'profile', 'number', 'email', 'offline_access'],
      redirectUris: ['https://courses.example.edu.cn/callback'],
      postLogoutRedirectUris: ['https://courses.example.edu.cn/'],
      contact: { name: '王老师', email: 'courses@example.edu.cn', phone: '021-34200000' },
      ...overrides,
    },
    jar,
  );
  await t.call('clients.recordLeaderApproval', { id: submitted.id, leaderName: '李主任', approvedOn: '2026-11-20' }, jar);
  const approved = await t.call('clients.approve', { id: submitted.id }, jar);
  const clientId = approved.application.client?.clientId;
  if (!clientId) throw new Error('approval issued no client');
  return { applicationId: submitted.id, clientId, secret: approved.secretShownOnce };
}

/** Registers a person at the counter and has them activate the account with a password; it works 5 minutes later. */
export async function activeAccount(
  t: TestDesk,
  jar: SessionCarrier,
  person: { username: string; password: string; number: string; documentNumber: string; email?: string },
) {
  const { activationCode } = await t.call(
    'accounts.register',
    {
      realName: '张晓明',
      category: 'undergraduate',
      number: person.number,
      department: '电子信息与电气工程学院',
      documentType: 'passport',
      documentNumber: person.documentNumber,
      mobile: '13900001111',
      email: person.email,
      documentChecked: true,
    },
    jar,
  );
  await activateAccount(
    t.desk,
    { code: activationCode, username: person.username, password: person.password, mobile: '' },
    t.clock.now,
  );
  t.clock.advance(6 * 60 * 1000);
}
