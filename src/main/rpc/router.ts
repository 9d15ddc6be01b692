import type { z } from 'zod';
import { type Channel, contract, isChannel } from '../../shared/contract';
import type { Access } from '../../shared/contract/define';
import { type DeskErrorBody, DeskError, type Envelope, type FieldIssue } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../log';
import { resolveSession } from '../operators/sessions';
import type { Database } from '../store/database';
import { withSavepoint } from '../store/savepoint';
import { storageDeskError, storageProblem } from '../store/storage-errors';
import type { CallContext, FailureWrite, Handler, Handlers, LiveSession, SessionCarrier } from './context';
import { type Repositories, repositoriesFor, storeOf } from '../repositories';

export interface RouterDeps {
  db: Database;
  audit: AuditLog;
  handlers: Handlers<Channel>;
  log: Logger;
  clock?: () => Date;
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, number> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    return {
      path: issue.path.map(String).join('.') || '(input)',
      reason: issue.code,
      message: issue.message,
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}

function authorize(access: Access, session: LiveSession | null): void {
  if (access === 'public') return;
  if (!session) throw new DeskError('UNAUTHENTICATED', 'sign in first');
  if (access === 'pending') return;
  if (session.stage !== 'active') {
    throw new DeskError('STAGE_REQUIRED', `finish signing in first (${session.stage})`, { params: { stage: session.stage } });
  }
  if (session.locked) throw new DeskError('SESSION_LOCKED', 'the workstation is locked; unlock it with your password');
  if (access !== 'signed-in' && !session.permissions.includes(access)) {
    throw new DeskError('FORBIDDEN', `you do not hold the permission "${access}"`, { params: { permission: access } });
  }
}

/**
 * The only door into the desk: authorize -> validate -> run -> audit -> envelope. Both
 * transports (Electron IPC and loopback HTTP) are thin adapters over `call`.
 */
export class Router {
  private readonly clock: () => Date;

  constructor(private readonly deps: RouterDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async call(channelName: string, rawInput: unknown, carrier: SessionCarrier): Promise<Envelope<unknown>> {
    if (!isChannel(channelName)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `there is no channel "${String(channelName).slice(0, 64)}"` } };
    }
    const def = contract[channelName];
    const now = this.clock();
    const { db } = this.deps;
    const failureWrites: FailureWrite[] = [];
    let session: LiveSession | null = null;
    const ctx: CallContext = {
      repos: repositoriesFor(db.reader),
      now,
      session: null,
      carrier,
      audit: { detail: {} },
      onFailure: (write) => failureWrites.push(write),
    };
    try {
      session = await resolveSession(storeOf(db), carrier.token(), now);
      ctx.session = session;
      // Who may call comes before what they sent: a caller without the right learns nothing of the input's shape.
      authorize(def.access, session);
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const fields = fieldIssues(parsed.error);
        throw new DeskError('VALIDATION', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
      }
      const handler = this.deps.handlers[channelName] as Handler<Channel>;
      const run = async (repos: Repositories) => {
        const value = await handler(parsed.data as never, { ...ctx, repos });
        return def.output.parse(value) as unknown;
      };
      let value: unknown;
      if (def.kind === 'mutation') {
        const outcome = await db.write(async (tx) => {
          const repos = repositoriesFor(tx);
          const step = await withSavepoint(
            tx,
            async () => {
              const result = await run(repos);
              if (def.audited) await this.deps.audit.append(repos, this.record(channelName, ctx, session, 'success'), now);
              return result;
            },
            // The handler's writes are undone; its failure writes (sign-in counters) commit in the same
            // transaction as the reads that led to them, so parallel attempts cannot slip past a limit.
            (err) =>
              failureWrites.length
                ? () => runFailureWrites(failureWrites.splice(0), repos, err)
                : null,
          );
          return 'result' in step ? { result: step.result } : { failed: step.recovered };
        });
        if ('failed' in outcome) throw outcome.failed;
        value = outcome.result;
      } else {
        value = await run(ctx.repos);
        if (def.audited) await db.write((tx) => this.deps.audit.append(repositoriesFor(tx), this.record(channelName, ctx, session, 'success'), now));
      }
      return { ok: true, value };
    } catch (err) {
      const problem = err instanceof DeskError ? null : storageProblem(err);
      const error =
        err instanceof DeskError
          ? err
          : problem
            ? storageDeskError(problem)
            : new DeskError('INTERNAL', 'the desk could not complete this request; it has been logged');
      if (!(err instanceof DeskError)) this.deps.log.error(problem ? 'rpc.storage' : 'rpc.internal', { channel: channelName, error: err });
      await this.recordFailure(channelName, ctx, session, error, failureWrites, now);
      return { ok: false, error: error.toBody() };
    }
  }

  /**
   * Null when a live session allowed to call the channel stands behind the carrier, else the
   * refusal `call` would give. The HTTP transport asks before it accepts a body larger than a
   * caller without such a session may send; `call` still decides everything about the call itself.
   */
  async admit(channelName: string, carrier: SessionCarrier): Promise<DeskErrorBody | null> {
    if (!isChannel(channelName)) return { code: 'UNKNOWN_CHANNEL', message: `there is no channel "${String(channelName).slice(0, 64)}"` };
    try {
      const session = await resolveSession(storeOf(this.deps.db), carrier.token(), this.clock());
      if (!session) throw new DeskError('UNAUTHENTICATED', 'sign in first');
      authorize(contract[channelName].access, session);
      return null;
    } catch (err) {
      if (err instanceof DeskError) return err.toBody();
      const problem = storageProblem(err);
      if (problem) return storageDeskError(problem).toBody();
      throw err;
    }
  }

  private record(channel: Channel, ctx: CallContext, session: LiveSession | null, outcome: 'success' | 'failure' | 'denied') {
    return {
      actor: session?.staff.username ?? ctx.audit.actor ?? null,
      desk: session?.desk ?? (typeof ctx.audit.detail.desk === 'string' ? ctx.audit.detail.desk : null),
      action: channel,
      target: ctx.audit.target ?? null,
      outcome,
      detail: ctx.audit.detail,
    };
  }

  /** Failures are audited when someone is known: a session, or a sign-in attempt naming a user. */
  private async recordFailure(
    channel: Channel,
    ctx: CallContext,
    session: LiveSession | null,
    error: DeskError,
    failureWrites: FailureWrite[],
    now: Date,
  ) {
    // Malformed input never reached a handler: nothing is written for it, not even an audit entry.
    if (error.code === 'VALIDATION' && failureWrites.length === 0) return;
    const known = session !== null || ctx.audit.actor !== undefined;
    if (!known && failureWrites.length === 0) return;
    const outcome = error.code === 'FORBIDDEN' ? 'denied' : 'failure';
    ctx.audit.detail = { ...ctx.audit.detail, error: error.code };
    try {
      await this.deps.db.write(async (tx) => {
        const repos = repositoriesFor(tx);
        await runFailureWrites(failureWrites, repos, error);
        if (known) await this.deps.audit.append(repos, this.record(channel, ctx, session, outcome), now);
      });
    } catch (err) {
      this.deps.log.error('audit.failure-write', { channel, error: err });
    }
  }
}

/** Runs the failure writes in order; the last truer error one of them answers replaces `err`. */
async function runFailureWrites(writes: FailureWrite[], repos: Repositories, err: unknown): Promise<unknown> {
  let answer = err;
  for (const write of writes) answer = (await write(repos)) ?? answer;
  return answer;
}
