import { calendarIssues } from '../../shared/calendar/calendar-issues';
import { isIsoDate } from '../../shared/calendar/working-days';
import { type ApplicationState, clientChannels } from '../../shared/contract/clients';
import { DeskError, type FieldIssue } from '../../shared/errors';
import { normalizeEmail } from '../../shared/identity/contacts';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { applicationIssues, clientShapeIssues, throwIfIssues } from './application-rules';
import {
  type ApplicationRow,
  type ClientRow,
  shapeOf
} from './client-repository';
import { type ClientRegistry, applicationTarget } from './client-registry';
import { newClientId } from './client-secret';
import { deadlineOf, toSummary } from './client-views';
import { readWorkingCalendar, toCalendar, writeWorkingCalendar } from './working-calendar-store';
import type { Repositories } from '../repositories';

const STATE_ORDER: Record<ApplicationState, number> = { leader_approved: 0, submitted: 1, approved: 2, rejected: 3 };

function conflict(reason: string, message: string, params: Record<string, string> = {}): DeskError {
  return new DeskError('CONFLICT', message, { params: { reason, ...params } });
}

/** Departments to choose from: the registry's and those of earlier applications. */
async function knownDepartments(repos: Repositories): Promise<string[]> {
  // Two DISTINCT walks of the department indexes: a UNION would sort every account row.
  const [accounts, applications] = await Promise.all([repos.accounts.accountDepartments(), repos.clients.applicationDepartments()]);
  return [...new Set([...accounts, ...applications].map((r) => r.department))].sort();
}

async function load(ctx: CallContext, id: number): Promise<ApplicationRow> {
  ctx.audit.target = applicationTarget(id);
  const row = await ctx.repos.clients.findApplication(id);
  if (!row) throw new DeskError('NOT_FOUND', `id: no application with id ${id}`);
  return row;
}

function expectState(row: ApplicationRow, allowed: readonly ApplicationState[]): void {
  if (!allowed.includes(row.state)) {
    throw conflict('state', `the application is ${row.state}; this step needs it ${allowed.join(' or ')}`, { state: row.state });
  }
}

/** The application's client, which must exist and not be deleted. */
async function liveClient(ctx: CallContext, row: ApplicationRow): Promise<ClientRow> {
  const client = await ctx.repos.clients.findClientOf(row.id);
  if (!client) throw conflict('no_client', 'no client has been issued for this application');
  ctx.audit.detail.clientId = client.client_id;
  if (client.status === 'deleted') throw conflict('client_deleted', `client ${client.client_id} was deleted`);
  return client;
}

/** Every mutation may change what the token service sees of a client: each one makes it forget. */
function forgettingAfterMutations(clients: ClientRegistry, handlers: Handlers<keyof typeof clientChannels>) {
  const wrapped = { ...handlers } as Record<string, (input: never, ctx: CallContext) => Promise<unknown>>;
  for (const [channel, handler] of Object.entries(wrapped)) {
    if (clientChannels[channel as keyof typeof clientChannels].kind !== 'mutation') continue;
    wrapped[channel] = async (input, ctx) => {
      clients.forgetAfterCommit();
      return handler(input, ctx);
    };
  }
  return wrapped as unknown as Handlers<keyof typeof clientChannels>;
}

export function clientHandlers(clients: ClientRegistry): Handlers<keyof typeof clientChannels> {
  return forgettingAfterMutations(clients, registryHandlers(clients));
}

function registryHandlers(clients: ClientRegistry): Handlers<keyof typeof clientChannels> {
  const actorOf = (ctx: CallContext) => requireSession(ctx).staff.username;
  const view = async (ctx: CallContext, id: number) => (await clients.detail(ctx.repos, id, ctx.now))!;

  return {
    async 'clients.list'(input, ctx) {
      const today = clients.today(ctx.now);
      const calendar = toCalendar(await readWorkingCalendar(ctx.repos));
      const all = (await ctx.repos.clients.listApplications()).map((row) => toSummary(row, today, calendar));
      const counts = { submitted: 0, leader_approved: 0, approved: 0, rejected: 0, overdue: 0 };
      for (const item of all) {
        counts[item.state]++;
        if (item.deadline?.overdue) counts.overdue++;
      }
      const items = all
        .filter((item) => (!input.state || item.state === input.state) && (!input.overdue || item.deadline?.overdue))
        .sort(
          (a, b) =>
            STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
            (a.deadline && b.deadline ? a.deadline.dueOn.localeCompare(b.deadline.dueOn) : 0) ||
            b.id - a.id,
        );
      return { today, items, counts };
    },

    async 'clients.get'(input, ctx) {
      const detail = await clients.detail(ctx.repos, input.id, ctx.now);
      if (!detail) throw new DeskError('NOT_FOUND', `id: no application with id ${input.id}`);
      return detail;
    },

    async 'clients.endpoints'() {
      const issuer = clients.tokenServiceIssuer;
      return { issuer, discovery: issuer && `${issuer}/.well-known/openid-configuration` };
    },

    async 'clients.departments'(_input, ctx) {
      return knownDepartments(ctx.repos);
    },

    async 'clients.submit'(input, ctx) {
      ctx.audit.detail = { appName: input.appName, department: input.department, clientType: input.clientType };
      throwIfIssues(applicationIssues(input));
      const id = await ctx.repos.clients.insertApplication(
        {
          appName: input.appName,
          department: input.department,
          purpose: input.purpose,
          homepage: input.homepage,
          clientType: input.clientType,
          tokenEndpointAuthMethod: input.clientType === 'public' ? 'none' : (input.tokenEndpointAuthMethod ?? 'client_secret_basic'),
          grantTypes: input.grantTypes,
          scopes: input.scopes,
          redirectUris: input.redirectUris,
          postLogoutRedirectUris: input.postLogoutRedirectUris,
          contactName: input.contact.name,
          contactEmailSealed: clients.sealContact('email', normalizeEmail(input.contact.email)!),
          contactPhoneSealed: clients.sealContact('phone', input.contact.phone),
        },
        actorOf(ctx),
        ctx.now,
      );
      ctx.audit.target = applicationTarget(id);
      ctx.audit.detail = {
        ...ctx.audit.detail,
        grantTypes: input.grantTypes,
        scopes: input.scopes,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
      };
      return view(ctx, id);
    },

    async 'clients.recordLeaderApproval'(input, ctx) {
      const row = await load(ctx, input.id);
      ctx.audit.detail = { leaderName: input.leaderName, approvedOn: input.approvedOn };
      expectState(row, ['submitted']);
      const issues: FieldIssue[] = [];
      if (!input.leaderName) issues.push({ path: 'leaderName', reason: 'required', message: 'is required' });
      if (!isIsoDate(input.approvedOn)) issues.push({ path: 'approvedOn', reason: 'not_a_date', message: 'is not a date' });
      else if (input.approvedOn > clients.today(ctx.now)) {
        issues.push({ path: 'approvedOn', reason: 'future', message: 'is after today' });
      }
      throwIfIssues(issues);
      await ctx.repos.clients.recordLeaderApproval(row.id, input, actorOf(ctx), ctx.now);
      const calendar = toCalendar(await readWorkingCalendar(ctx.repos));
      ctx.audit.detail.dueOn = deadlineOf('leader_approved', input.approvedOn, clients.today(ctx.now), calendar)!.dueOn;
      return view(ctx, row.id);
    },

    async 'clients.approve'(input, ctx) {
      const row = await load(ctx, input.id);
      expectState(row, ['leader_approved']);
      const asked = shapeOf(row);
      const scopes = input.scopes ?? asked.scopes;
      const beyond = scopes.filter((s) => !asked.scopes.includes(s));
      const shape = { ...asked, scopes };
      throwIfIssues(
        beyond.length > 0
          ? [{ path: 'scopes', reason: 'not_requested', message: `the application did not ask for ${beyond.join(', ')}` }]
          : clientShapeIssues(shape).filter((i) => i.path === 'scopes'),
      );
      const clientId = newClientId();
      const at = ctx.now.toISOString();
      await ctx.repos.clients.insertClient({
        client_id: clientId,
        application_id: row.id,
        client_name: row.app_name,
        client_type: row.client_type,
        token_endpoint_auth_method: row.token_endpoint_auth_method,
        grant_types: row.grant_types,
        scopes: JSON.stringify(scopes),
        redirect_uris: row.redirect_uris,
        post_logout_redirect_uris: row.post_logout_redirect_uris,
        status: 'enabled',
        status_reason: null,
        issued_at: at,
        issued_by: actorOf(ctx),
        updated_at: at,
      });
      const issued = row.client_type === 'confidential' ? await clients.issueSecret(ctx.repos, clientId, ctx.now) : null;
      await ctx.repos.clients.markProcessed(row.id, { state: 'approved', rejectionReason: null }, actorOf(ctx), ctx.now);
      ctx.audit.detail = { clientId, scopes, fingerprint: issued?.fingerprint ?? null };
      return { application: await view(ctx, row.id), secretShownOnce: issued?.secret ?? null };
    },

    async 'clients.reject'(input, ctx) {
      const row = await load(ctx, input.id);
      ctx.audit.detail = { reason: input.reason };
      expectState(row, ['submitted', 'leader_approved']);
      await ctx.repos.clients.markProcessed(row.id, { state: 'rejected', rejectionReason: input.reason }, actorOf(ctx), ctx.now);
      return view(ctx, row.id);
    },

    async 'clients.update'(input, ctx) {
      const row = await load(ctx, input.id);
      const client = await liveClient(ctx, row);
      const { redirectUris, postLogoutRedirectUris, scopes, grantTypes } = shapeOf(client);
      const before = { redirectUris, postLogoutRedirectUris, scopes };
      const after = {
        redirectUris: input.redirectUris ?? before.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris ?? before.postLogoutRedirectUris,
        scopes: input.scopes ?? before.scopes,
      };
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (changed.length === 0) throw conflict('unchanged', 'nothing to change: the client already has these settings');
      throwIfIssues(clientShapeIssues({ clientType: client.client_type, grantTypes, ...after }));
      await ctx.repos.clients.updateClientLists(client.client_id, after, ctx.now);
      for (const key of changed) ctx.audit.detail[key] = { from: before[key], to: after[key] };
      return view(ctx, row.id);
    },

    async 'clients.rotateSecret'(input, ctx) {
      const row = await load(ctx, input.id);
      const client = await liveClient(ctx, row);
      if (client.client_type === 'public') throw conflict('public_client', 'a public client has no secret');
      const rotated = await clients.rotateSecret(ctx.repos, client.client_id, input.overlapDays, ctx.now);
      ctx.audit.detail = {
        clientId: client.client_id,
        fingerprint: rotated.fingerprint,
        overlapDays: input.overlapDays,
        previousFingerprint: rotated.previous?.fingerprint ?? null,
        previousValidUntil: rotated.previous?.expiresAt ?? null,
      };
      return { application: await view(ctx, row.id), secretShownOnce: rotated.secret };
    },

    async 'clients.setDisabled'(input, ctx) {
      const row = await load(ctx, input.id);
      ctx.audit.detail = { disabled: input.disabled, reason: input.reason };
      const client = await liveClient(ctx, row);
      const wanted = input.disabled ? 'disabled' : 'enabled';
      if (client.status === wanted) throw conflict(`already_${wanted}`, `client ${client.client_id} is already ${wanted}`);
      await ctx.repos.clients.setClientStatus(client.client_id, wanted, input.disabled ? input.reason : null, ctx.now);
      // Enabling again must not bring back what was issued before: the grants end with the disable.
      if (input.disabled) ctx.audit.detail.grantsRevoked = await ctx.repos.grants.revokeClientGrants(client.client_id);
      return view(ctx, row.id);
    },

    async 'clients.delete'(input, ctx) {
      const row = await load(ctx, input.id);
      ctx.audit.detail = { reason: input.reason };
      const client = await liveClient(ctx, row);
      await ctx.repos.clients.deleteSecrets(client.client_id);
      await ctx.repos.clients.setClientStatus(client.client_id, 'deleted', input.reason, ctx.now);
      ctx.audit.detail.grantsRevoked = await ctx.repos.grants.revokeClientGrants(client.client_id);
      return view(ctx, row.id);
    },

    async 'clients.calendar'(_input, ctx) {
      return readWorkingCalendar(ctx.repos);
    },

    async 'clients.setCalendar'(input, ctx) {
      ctx.audit.target = 'working-calendar';
      throwIfIssues(calendarIssues(input));
      const before = await readWorkingCalendar(ctx.repos);
      await writeWorkingCalendar(ctx.repos, input);
      for (const kind of ['holidays', 'workdays'] as const) {
        const was = new Set(before[kind].map((e) => e.date));
        const is = new Set(input[kind].map((e) => e.date));
        ctx.audit.detail[kind] = { added: [...is].filter((d) => !was.has(d)), removed: [...was].filter((d) => !is.has(d)) };
      }
      return readWorkingCalendar(ctx.repos);
    },
  };
}
