import { DeskError } from '../../shared/errors';
import { type CallContext, requireSession } from '../rpc/context';
import type { ApplicationRow } from './application-repository';

/**
 * A reviewer acts only on their own departments' applications: enforced here, whatever the
 * screen shows. The refusal does not tell whose the application is.
 */
export async function assertInScope(ctx: CallContext, row: ApplicationRow): Promise<void> {
  const departments = await ctx.repos.departments.departmentsOf(requireSession(ctx).staff.id);
  if (!departments.includes(row.department)) {
    throw new DeskError('FORBIDDEN', 'id: this application belongs to a department you do not review for', {
      params: { reason: 'out_of_scope' },
    });
  }
}
