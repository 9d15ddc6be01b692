import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';

export function ClientsPage() {
  const { t } = useI18n();
  return <PageHeader title={t('nav.clients')} />;
}
