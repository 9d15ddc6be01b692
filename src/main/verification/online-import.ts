import { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { type OnlineImportReport, alumniApplicationInput } from '../../shared/contract/verification';
import { type ApplicationFacts, REQUIRED_UPLOADS, type UploadFile, readAlumniApplication, readUploads } from './application-input';
import type { Sealing } from './application-repository';
import type { Repositories } from '../repositories';

/** The export of the online application site: one JSON document, uploads inline as base64. */
export const ONLINE_FORMAT = 'jaccount-alumni-applications/1';

const onlineApplication = alumniApplicationInput
  .omit({ documentChecked: true })
  .extend({ onlineId: z.string().trim().regex(/^[A-Za-z0-9_-]{4,64}$/), submittedAt: z.iso.datetime({ offset: true }) })
  .strict();

const exportFile = z.object({ format: z.literal(ONLINE_FORMAT), applications: z.array(z.unknown()).max(500) });

type Issue = { field: string; reason: string };
const fromFieldIssues = (issues: readonly FieldIssue[]): Issue[] => issues.map((i) => ({ field: i.path, reason: i.reason }));

interface Ready {
  onlineId: string;
  submittedAt: Date;
  facts: ApplicationFacts;
  files: UploadFile[];
}

/**
 * Imports online applications, all or nothing: every application is validated (field by
 * field, as at the counter, uploads by content and size); unless all are valid nothing is
 * written. Applications already imported (same online id) are left as they are, so running
 * the same export twice changes nothing.
 */
export async function importOnlineApplications(
  repos: Repositories,
  sealing: Sealing,
  o: { content: Buffer; dryRun: boolean; uploadMaxBytes: number; takenBy: string; desk: string; now: Date },
): Promise<OnlineImportReport> {
  const report: OnlineImportReport = { total: 0, created: 0, unchanged: 0, applied: false, rejected: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(o.content.toString('utf8'));
  } catch {
    report.rejected.push({ index: -1, onlineId: null, fields: [{ field: 'file', reason: 'not_json' }] });
    return report;
  }
  const file = exportFile.safeParse(parsed);
  if (!file.success) {
    report.rejected.push({ index: -1, onlineId: null, fields: [{ field: 'format', reason: 'unknown_format' }] });
    return report;
  }
  report.total = file.data.applications.length;
  const ready: Ready[] = [];
  const seenIds = new Set<string>();
  const seenDocuments = new Set<string>();
  for (const [index, raw] of file.data.applications.entries()) {
    const onlineId = typeof (raw as { onlineId?: unknown })?.onlineId === 'string' ? (raw as { onlineId: string }).onlineId : null;
    const reject = (fields: Issue[]) => void report.rejected.push({ index, onlineId, fields });
    const shape = onlineApplication.safeParse(raw);
    if (!shape.success) {
      reject(shape.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(application)', reason: i.code })));
      continue;
    }
    const a = shape.data;
    if (seenIds.has(a.onlineId)) {
      reject([{ field: 'onlineId', reason: 'duplicate_in_file' }]);
      continue;
    }
    seenIds.add(a.onlineId);
    if (await repos.applications.isOnlineApplicationImported(a.onlineId)) {
      report.unchanged++;
      continue;
    }
    const submittedAt = new Date(a.submittedAt);
    const person = readAlumniApplication(a, o.now);
    const uploads = readUploads(a.uploads, o.uploadMaxBytes, REQUIRED_UPLOADS.alumni);
    const issues = [...fromFieldIssues(person.issues), ...fromFieldIssues(uploads.issues)];
    if (submittedAt > o.now) issues.push({ field: 'submittedAt', reason: 'in_future' });
    const docIndex = person.facts ? sealing.vault.index('document', person.facts.document.number) : null;
    if (docIndex && (seenDocuments.has(docIndex) || (await repos.applications.openApplicationFor('alumni', docIndex)))) {
      issues.push({ field: 'documentNumber', reason: 'application_open' });
    }
    if (docIndex) seenDocuments.add(docIndex);
    if (issues.length || !person.facts) reject(issues);
    else ready.push({ onlineId: a.onlineId, submittedAt, facts: person.facts, files: uploads.files });
  }
  report.created = ready.length;
  if (report.rejected.length || o.dryRun) return report;
  for (const r of ready) {
    await repos.applications.insertApplication(
      sealing,
      {
        kind: 'alumni',
        department: r.facts.academic!.school,
        facts: r.facts,
        accountId: null,
        channel: 'online',
        onlineId: r.onlineId,
        takenBy: o.takenBy,
        desk: o.desk,
        documentChecked: false,
        submittedAt: r.submittedAt,
        files: r.files,
      },
      o.now,
    );
  }
  report.applied = true;
  return report;
}
