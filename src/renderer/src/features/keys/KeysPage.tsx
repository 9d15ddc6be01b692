import { Button, Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDatabaseImport, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { KeyView, KeysOverview, RevocationRequestView } from '../../../../shared/contract/keys';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useNow } from '../accounts/use-now';
import { ActiveKeys } from './ActiveKeys';
import { BackupModal } from './BackupModal';
import { ConfirmRevocationModal } from './ConfirmRevocationModal';
import { ExportMenu } from './ExportMenu';
import { GenerateKeyModal } from './GenerateKeyModal';
import { type KeyAction, KeyTimeline } from './KeyTimeline';
import { PendingRevocations } from './PendingRevocations';
import { PromoteModal } from './PromoteModal';
import { RequestRevocationModal } from './RequestRevocationModal';
import { RestoreModal } from './RestoreModal';
import { ScheduleCard } from './ScheduleCard';
import { shortKid } from './key-text';
import { useKeyErrors } from './use-key-errors';

const NO_FIELDS: string[] = [];

type Dialog =
  | { kind: 'generate' }
  | { kind: 'promote'; key: KeyView }
  | { kind: 'revoke'; key: KeyView }
  | { kind: 'confirm'; request: RevocationRequestView }
  | { kind: 'backup' }
  | { kind: 'restore' }
  | null;

/** The key admin's screen: what signs now, the timeline of every key, rotation, revocation, backup and export. */
export function KeysPage() {
  const { t } = useI18n();
  const ticking = useNow(15_000);
  const [overview, setOverview] = useState<KeysOverview | null>(null);
  const [loadedAt, setLoadedAt] = useState(() => new Date());
  // Dates on screen count from the latest of the clock tick and the latest load.
  const now = loadedAt > ticking ? loadedAt : ticking;
  const [dialog, setDialog] = useState<Dialog>(null);
  const load = useKeyErrors(NO_FIELDS);
  const { report: reportLoad, clear: clearLoad } = load;

  const reload = useCallback(async () => {
    try {
      setOverview(await call('keys.list', {}));
      setLoadedAt(new Date());
      clearLoad();
    } catch (err) {
      reportLoad(err);
    }
  }, [clearLoad, reportLoad]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const done = (message: string) => {
    setDialog(null);
    notifications.show({ color: 'teal', message });
    void reload();
  };

  const onAction = (action: KeyAction, key: KeyView) => setDialog({ kind: action, key });
  const delayHours = overview ? overview.timing.promotionDelaySeconds / 3600 : 1;
  const windowHours = overview ? overview.timing.verifyWindowSeconds / 3600 : 2;

  async function withdraw(request: RevocationRequestView) {
    try {
      await call('keys.cancelRevocation', { requestId: request.id });
      done(t('keys.done.withdrawn'));
    } catch (err) {
      reportLoad(err);
      void reload();
    }
  }

  return (
    <>
      <PageHeader
        title={t('keys.title')}
        description={t('keys.description')}
        actions={
          <>
            <ExportMenu onError={reportLoad} />
            <Button variant="default" leftSection={<IconDatabaseImport size={16} />} onClick={() => setDialog({ kind: 'restore' })} data-testid="restore-keys">
              {t('keys.action.restore')}
            </Button>
            <Button variant="default" leftSection={<IconDatabaseExport size={16} />} onClick={() => setDialog({ kind: 'backup' })} data-testid="backup-keys">
              {t('keys.action.backup')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'generate' })} data-testid="generate-key">
              {t('keys.action.generate')}
            </Button>
          </>
        }
      />
      <FormAlert message={load.formError} />
      {overview === null && !load.formError && (
        <Center py="xl">
          <Loader aria-label={t('keys.loading')} />
        </Center>
      )}
      {overview && (
        <>
          <PendingRevocations
            requests={overview.pendingRevocations}
            now={now}
            onReview={(request) => setDialog({ kind: 'confirm', request })}
            onWithdraw={(request) => void withdraw(request)}
          />
          <ActiveKeys keys={overview.keys} />
          <KeyTimeline keys={overview.keys} now={now} delayHours={delayHours} windowHours={windowHours} onAction={onAction} />
          <ScheduleCard key={overview.schedule.updatedAt ?? 'never'} schedule={overview.schedule} onSaved={() => done(t('keys.done.schedule'))} />
        </>
      )}

      {dialog?.kind === 'generate' && (
        <GenerateKeyModal
          delayHours={delayHours}
          onClose={() => setDialog(null)}
          onDone={(key) => done(t('keys.done.generated', { alg: key.alg, kid: shortKid(key.kid) }))}
        />
      )}
      {dialog?.kind === 'promote' && (
        <PromoteModal
          next={dialog.key}
          active={overview?.keys.find((k) => k.alg === dialog.key.alg && k.state === 'active')}
          windowHours={windowHours}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { promoted } = await call('keys.promote', { kid: dialog.key.kid });
            done(t('keys.done.promoted', { kid: shortKid(promoted.kid) }));
          }}
        />
      )}
      {dialog?.kind === 'revoke' && (
        <RequestRevocationModal
          keyView={dialog.key}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            await call('keys.requestRevocation', { kid: dialog.key.kid, reason });
            done(t('keys.done.requested'));
          }}
        />
      )}
      {dialog?.kind === 'confirm' && (
        <ConfirmRevocationModal
          request={dialog.request}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { revoked, replacement } = await call('keys.confirmRevocation', { requestId: dialog.request.id });
            done(
              replacement
                ? t('keys.done.replaced', { kid: shortKid(revoked.kid), replacement: shortKid(replacement.kid) })
                : t('keys.done.revoked', { kid: shortKid(revoked.kid) }),
            );
          }}
        />
      )}
      {dialog?.kind === 'backup' && <BackupModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'restore' && <RestoreModal onClose={() => setDialog(null)} onRestored={() => void reload()} />}
    </>
  );
}
