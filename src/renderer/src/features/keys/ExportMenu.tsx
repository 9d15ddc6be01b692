import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate, IconDownload, IconJson } from '@tabler/icons-react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { saveTextFile } from '../audit/download';

/** Public data only (the JWKS and the certificates), downloaded by the browser for relying parties. */
export function ExportMenu(props: { onError: (err: unknown) => void }) {
  const { t } = useI18n();

  async function download(kind: 'jwks' | 'pem') {
    try {
      const exported = await call('keys.exportPublic', {});
      const file = kind === 'jwks' ? 'jaccount-jwks.json' : 'jaccount-signing-certificates.pem';
      saveTextFile(file, kind === 'jwks' ? exported.jwks : exported.pem, kind === 'jwks' ? 'application/json' : 'application/x-pem-file');
      notifications.show({ color: 'teal', message: t('keys.exported', { file }) });
    } catch (err) {
      props.onError(err);
    }
  }

  return (
    <Menu position="bottom-end" shadow="md" width={220}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export-keys">
          {t('keys.action.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconJson size={16} />} onClick={() => void download('jwks')} data-testid="export-jwks">
          {t('keys.export.jwks')}
        </Menu.Item>
        <Menu.Item leftSection={<IconCertificate size={16} />} onClick={() => void download('pem')} data-testid="export-pem">
          {t('keys.export.pem')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
