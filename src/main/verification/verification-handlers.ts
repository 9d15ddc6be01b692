import { calendarIssues, vacationIssues } from '../../shared/calendar/calendar-issues';
import { civilDate } from '../../shared/calendar/working-days';
import type { verificationChannels } from '../../shared/contract/verification';
import { DeskError } from '../../shared/errors';
import { normalizeNameQuery } from '../accounts/name-keys';
import { accountOfDocument, existingAccountError } from '../accounts/one-account-per-person';
import { takePiiLookup } from '../accounts/lookup-budget';
import { throwIfIssues } from '../clients/application-rules';
import type { DeskServices } from '../desk-services';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { REQUIRED_UPLOADS, readAlumniApplication, readContactChange, readIdentity, readUploads, textIssues } from './application-input';
import {
  type ApplicationRow,
  type NewApplication,
  type Sealing
} from './application-repository';
import { accountFacts, toDetail, toSummary } from './application-views';
import { assertUndecided, decide } from './decisions';
import { importOnlineApplications } from './online-import';
import { importGraduates } from './registry-import';
import { registryMatches } from './registry-matches';
import { readVerificationCalendar, reviewCalendar, writeVerificationCalendar } from './review-calendar';
import { assertInScope } from './review-scope';
import { UploadSealer, uploadContext } from './upload-content';
import { readVerificationSettings, writeVerificationSettings } from './verification-settings';
import type { Repositories } from '../repositories';

function notFound(id: number): DeskError {
  return new DeskError('NOT_FOUND', `id: no application with id ${id}`);
}

function openConflict(): DeskError {
  return new DeskError('CONFLICT', 'documentNumber: this person already has an application waiting for review', {
    params: { reason: 'application_open' },
  });
}

/** Same name, whatever the spacing and case: the person at the counter names the account's holder. */
const sameName = (a: string, b: string) => normalizeNameQuery(a) === normalizeNameQuery(b);

export function verificationHandlers(services: DeskServices): Handlers<keyof typeof verificationChannels> {
  const { vault, dataKey } = services;
  const sealer = new UploadSealer(dataKey);
  const sealing: Sealing = { vault, dataKey, sealer };
  const decisionDeps = { vault, dataKey, portalIssuer: services.portalIssuer };

  async function summaryOf(repos: Repositories, row: ApplicationRow, now: Date) {
    return toSummary(row, civilDate(now), await reviewCalendar(repos));
  }

  async function load(ctx: CallContext, id: number): Promise<ApplicationRow> {
    const row = await ctx.repos.applications.findApplication(id);
    if (!row) throw notFound(id);
    ctx.audit.target = `application:${id}`;
    return row;
  }

  /** The application, if it belongs to one of the reviewer's departments. */
  async function loadInScope(ctx: CallContext, id: number): Promise<ApplicationRow> {
    const row = await load(ctx, id);
    await assertInScope(ctx, row);
    return row;
  }

  /** An application taken in at the counter by the signed-in operator, the document seen in person. */
  function takeIn(ctx: CallContext, a: Pick<NewApplication, 'kind' | 'department' | 'facts' | 'accountId' | 'files'>) {
    const session = requireSession(ctx);
    return ctx.repos.applications.insertApplication(
      sealing,
      { ...a, channel: 'counter', onlineId: null, takenBy: session.staff.username, desk: session.desk, documentChecked: true, submittedAt: ctx.now },
      ctx.now,
    );
  }

  async function detailOf(ctx: CallContext, row: ApplicationRow) {
    const document = dataKey.open(row.doc_sealed, 'verification.document');
    const [summary, uploads, registry, existing, account, history] = await Promise.all([
      summaryOf(ctx.repos, row, ctx.now),
      ctx.repos.uploads.uploadsOf(row.id),
      registryMatches(ctx.repos, row),
      accountOfDocument(ctx.repos, vault, document),
      row.account_id ? ctx.repos.accounts.findAccountById(row.account_id) : Promise.resolve(undefined),
      ctx.repos.applications.historyOf(row.id),
    ]);
    return toDetail({ row, summary, uploads, registry, existing, account, history, reviewer: requireSession(ctx).staff.username });
  }

  return {
    async 'verification.submitAlumni'(input, ctx) {
      const person = readAlumniApplication(input, ctx.now);
      const { uploadMaxBytes } = await readVerificationSettings(ctx.repos);
      const uploads = readUploads(input.uploads, uploadMaxBytes, REQUIRED_UPLOADS.alumni);
      throwIfIssues([...person.issues, ...uploads.issues]);
      const facts = person.facts!;
      // Only a hit spends the budget: a miss takes in a new application, which is no quiet way of guessing.
      const existing = await accountOfDocument(ctx.repos, vault, facts.document.number);
      if (existing) {
        ctx.audit.target = `account:${existing.id}`;
        await takePiiLookup(ctx, true, { refusing: true });
        throw existingAccountError(existing);
      }
      if (await ctx.repos.applications.openApplicationFor('alumni', vault.index('document', facts.document.number))) throw openConflict();
      const id = await takeIn(ctx, { kind: 'alumni', department: facts.academic!.school, facts, accountId: null, files: uploads.files });
      ctx.audit.target = `application:${id}`;
      ctx.audit.detail = {
        kind: 'alumni',
        department: facts.academic!.school,
        uploads: uploads.files.map((f) => ({ kind: f.kind, mediaType: f.mediaType, size: f.bytes.length, sha256: f.sha256 })),
      };
      return summaryOf(ctx.repos, (await ctx.repos.applications.findApplication(id))!, ctx.now);
    },

    async 'verification.findAccount'(input, ctx) {
      const read = readIdentity(input, ctx.now);
      throwIfIssues(read.issues);
      const account = await accountOfDocument(ctx.repos, vault, read.document!.number);
      const matches = account !== undefined && sameName(account.real_name, input.realName) && account.doc_type === input.documentType;
      await takePiiLookup(ctx, matches, { refusing: !matches });
      // One answer for "no account" and "another person's name": the form learns nothing it was not told.
      if (!matches) throw new DeskError('NOT_FOUND', 'documentNumber: no account matches this name and document', { params: { reason: 'no_match' } });
      ctx.audit.target = `account:${account.id}`;
      return accountFacts(account);
    },

    async 'verification.submitContactChange'(input, ctx) {
      const read = readContactChange(input, ctx.now);
      const { uploadMaxBytes } = await readVerificationSettings(ctx.repos);
      const uploads = readUploads(input.uploads, uploadMaxBytes, REQUIRED_UPLOADS.contact_change);
      throwIfIssues([...read.issues, ...uploads.issues]);
      const facts = read.facts!;
      const account = await ctx.repos.accounts.findAccountById(input.accountId);
      ctx.audit.target = `account:${input.accountId}`;
      if (!account || account.doc_index !== vault.index('document', facts.document.number) || !sameName(account.real_name, facts.realName)) {
        throw new DeskError('NOT_FOUND', 'accountId: no account matches this name and document', { params: { reason: 'no_match' } });
      }
      if (account.status === 'revoked') throw existingAccountError(account);
      // The change is for a person who lost every bound contact; a contact still bound is for self-service recovery.
      throwIfIssues([
        ...(facts.mobile && account.mobile_index === vault.index('mobile', facts.mobile)
          ? [{ path: 'newMobile', reason: 'same_as_bound', message: 'is the mobile already bound to the account' }]
          : []),
        ...(facts.email && account.email_index === vault.index('email', facts.email)
          ? [{ path: 'newEmail', reason: 'same_as_bound', message: 'is the email already bound to the account' }]
          : []),
      ]);
      if (await ctx.repos.applications.openApplicationFor('contact_change', account.doc_index)) throw openConflict();
      const id = await takeIn(ctx, { kind: 'contact_change', department: account.department, facts, accountId: account.id, files: uploads.files });
      ctx.audit.target = `application:${id}`;
      ctx.audit.detail = { kind: 'contact_change', account: account.id, newMobile: !!facts.mobile, newEmail: !!facts.email };
      return summaryOf(ctx.repos, (await ctx.repos.applications.findApplication(id))!, ctx.now);
    },

    async 'verification.importOnline'(input, ctx) {
      throwIfIssues(textIssues([['fileName', input.fileName, { max: 255 }]]));
      const session = requireSession(ctx);
      const { uploadMaxBytes } = await readVerificationSettings(ctx.repos);
      const report = await importOnlineApplications(ctx.repos, sealing, {
        content: Buffer.from(input.contentBase64, 'base64'),
        dryRun: input.dryRun,
        uploadMaxBytes,
        takenBy: session.staff.username,
        desk: session.desk,
        now: ctx.now,
      });
      ctx.audit.target = `import:${input.fileName}`;
      ctx.audit.detail = { dryRun: input.dryRun, total: report.total, created: report.created, rejected: report.rejected.length, applied: report.applied };
      return report;
    },

    async 'verification.intakeList'(input, ctx) {
      const rows = await ctx.repos.applications.latestApplications(input.status ?? null, 200);
      const calendar = await reviewCalendar(ctx.repos);
      return { items: rows.map((r) => toSummary(r, civilDate(ctx.now), calendar)) };
    },

    async 'verification.withdraw'(input, ctx) {
      throwIfIssues(textIssues([['reason', input.reason, { max: 500 }]]));
      const row = await load(ctx, input.id);
      assertUndecided(row);
      ctx.audit.detail = { reason: input.reason };
      await ctx.repos.applications.recordDecision(row, { status: 'withdrawn', reason: null, note: input.reason, by: requireSession(ctx).staff.username }, ctx.now);
      return summaryOf(ctx.repos, (await ctx.repos.applications.findApplication(row.id))!, ctx.now);
    },

    async 'verification.queue'(input, ctx) {
      const departments = await ctx.repos.departments.departmentsOf(requireSession(ctx).staff.id);
      const scope = input.department ? departments.filter((d) => d === input.department) : departments;
      const rows = input.view === 'open' ? await ctx.repos.applications.openApplicationsOf(scope) : await ctx.repos.applications.decidedApplicationsOf(scope, 200);
      const today = civilDate(ctx.now);
      const calendar = await reviewCalendar(ctx.repos);
      return { today, departments, items: rows.map((r) => toSummary(r, today, calendar)) };
    },

    async 'verification.get'(input, ctx) {
      return detailOf(ctx, await loadInScope(ctx, input.id));
    },

    async 'verification.viewUpload'(input, ctx) {
      const row = await loadInScope(ctx, input.id);
      const upload = await ctx.repos.uploads.findUploadContent(row.id, input.uploadId);
      if (!upload) throw new DeskError('NOT_FOUND', `uploadId: this application has no upload ${input.uploadId}`);
      ctx.audit.detail = { uploadId: input.uploadId, kind: upload.kind, sha256: upload.sha256 };
      if (!upload.content_sealed) {
        throw new DeskError('CONFLICT', 'uploadId: this upload was purged after the decision', { params: { reason: 'purged' } });
      }
      const content = sealer.open(upload.content_sealed, uploadContext(row.id, upload.sha256));
      return { mediaType: upload.media_type, contentBase64: content.toString('base64') };
    },

    async 'verification.decide'(input, ctx) {
      throwIfIssues(textIssues([['note', input.note, { max: 500, required: input.decision === 'reject' }]]));
      const row = await loadInScope(ctx, input.id);
      const reviewer = requireSession(ctx).staff.username;
      ctx.audit.detail = {
        kind: row.kind,
        department: row.department,
        decision: input.decision,
        ...(input.decision === 'reject' ? { reasonCode: input.reasonCode } : {}),
      };
      await decide(ctx.repos, decisionDeps, row, input, reviewer, ctx.now);
      const decided = (await ctx.repos.applications.findApplication(row.id))!;
      if (decided.created_account_id) ctx.audit.detail.account = decided.created_account_id;
      return detailOf(ctx, decided);
    },

    async 'registry.import'(input, ctx) {
      throwIfIssues(textIssues([['fileName', input.fileName, { max: 255 }]]));
      const report = await importGraduates(ctx.repos, vault, {
        content: Buffer.from(input.contentBase64, 'base64'),
        dryRun: input.dryRun,
        now: ctx.now,
      });
      ctx.audit.target = `registry-import:${input.fileName}`;
      ctx.audit.detail = { dryRun: input.dryRun, total: report.total, created: report.created, updated: report.updated, rejected: report.rejected.length };
      return report;
    },

    async 'calendar.get'(_input, ctx) {
      return readVerificationCalendar(ctx.repos);
    },

    async 'calendar.save'(input, ctx) {
      ctx.audit.target = 'working-calendar';
      throwIfIssues([...calendarIssues(input), ...vacationIssues(input.vacations)]);
      await writeVerificationCalendar(ctx.repos, input);
      ctx.audit.detail = { holidays: input.holidays.length, workdays: input.workdays.length, vacations: input.vacations };
      return readVerificationCalendar(ctx.repos);
    },

    async 'verification.settings'(_input, ctx) {
      return readVerificationSettings(ctx.repos);
    },

    async 'verification.updateSettings'(input, ctx) {
      ctx.audit.target = 'verification-settings';
      ctx.audit.detail = { ...input };
      await writeVerificationSettings(ctx.repos, input);
      return readVerificationSettings(ctx.repos);
    },
  };
}
