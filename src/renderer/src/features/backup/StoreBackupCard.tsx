import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { STORE_BACKUP_PASSWORD_MIN } from '../../../../shared/contract/backup';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PasswordBackupModal } from '../../components/PasswordBackupModal';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatDateTime, formatSize } from '../../i18n/format';

const FIELDS = ['password', 'repeat'];

/** Settings → store backups: the list of backups written so far, and "back up now". */
export function StoreBackupCard() {
  const { t } = useI18n();
  const [listing, setListing] = useState<Output<'backup.list'> | null>(null);
  const [open, setOpen] = useState(false);
  const listErrors = useFormErrors([]);
  const modalErrors = useFormErrors(FIELDS);
  const { report } = listErrors;
  const load = useCallback(() => call('backup.list', {}).then(setListing, report), [report]);
  useEffect(() => void load(), [load]);

  return (
    <Paper withBorder radius="md" p="xl" maw={760} bg="white" mt="lg" data-testid="store-backups">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{t('storeBackup.card')}</Title>
          <Button leftSection={<IconDatabaseExport size={16} />} variant="light" onClick={() => setOpen(true)} data-testid="store-backup-open">
            {t('storeBackup.action')}
          </Button>
        </Group>
        <Text fz="sm" c="dimmed">
          {t('storeBackup.cardText')}
        </Text>
        <FormAlert message={listErrors.formError} />
        {listing && (
          <>
            <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('storeBackup.folder', { folder: listing.folder })}
            </Text>
            {listing.files.length === 0 ? (
              <Text fz="sm">{t('storeBackup.none')}</Text>
            ) : (
              <Table striped fz="sm" data-testid="store-backup-files">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('storeBackup.file')}</Table.Th>
                    <Table.Th>{t('storeBackup.size')}</Table.Th>
                    <Table.Th>{t('storeBackup.when')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {listing.files.map((f) => (
                    <Table.Tr key={f.fileName}>
                      <Table.Td ff="monospace">{f.fileName}</Table.Td>
                      <Table.Td>{formatSize(f.size)}</Table.Td>
                      <Table.Td>{formatDateTime(f.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
      {open && (
        <PasswordBackupModal
          prefix="storeBackup"
          minLength={STORE_BACKUP_PASSWORD_MIN}
          errors={modalErrors}
          write={(password) => call('backup.create', { password })}
          doneParams={(made) => ({ accounts: made.tables.accounts ?? 0, entries: made.tables.audit_log ?? 0 })}
          onClose={() => {
            setOpen(false);
            modalErrors.clear();
            void load();
          }}
        />
      )}
    </Paper>
  );
}
