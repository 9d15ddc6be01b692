import { Alert, Autocomplete, Button, Checkbox, Grid, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { ACCOUNT_CATEGORIES, type AccountCategory } from '../../../../shared/identity/account';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/identity/documents';
import { DeskCallError, call } from '../../api/client';
import { ContactFields } from '../../components/ContactFields';
import { FormAlert } from '../../components/FormAlert';
import { FormSection } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { ActivationCodeModal, type Registered } from './ActivationCodeModal';
import { openCard, requestLookup } from './lookup-requests';

const FIELDS = ['realName', 'category', 'number', 'department', 'documentType', 'documentNumber', 'mobile', 'email', 'documentChecked'];

interface Form {
  realName: string;
  category: AccountCategory | null;
  number: string;
  department: string;
  documentType: DocumentType;
  documentNumber: string;
  mobile: string;
  email: string;
  documentChecked: boolean;
}

const EMPTY: Form = {
  realName: '',
  category: null,
  number: '',
  department: '',
  documentType: 'prc_id',
  documentNumber: '',
  mobile: '',
  email: '',
  documentChecked: false,
};

/** What the desk answered when this identity already has an account. */
type Refusal = { reason: 'account_exists'; username: string } | { reason: 'revoked' } | null;

/**
 * Counter registration: the operator checks the document in person and registers; the desk
 * answers with a one-time activation code. The person chooses username and password later.
 */
export function RegisterPage() {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [registered, setRegistered] = useState<{ value: Registered; at: string } | null>(null);
  const [departments, setDepartments] = useState<string[]>([]);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    call('accounts.departments', {}).then(setDepartments, () => undefined);
  }, []);

  const set = (patch: Partial<Form>) => setForm((prev) => ({ ...prev, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setRefusal(null);
    const missing = (['realName', 'department', 'documentNumber', 'mobile'] as const).filter((f) => !form[f].trim());
    for (const f of missing) errors.setFieldError(f, t('register.required'));
    if (!form.category) errors.setFieldError('category', t('register.required'));
    if (!form.documentChecked) errors.setFieldError('documentChecked', t('register.checkedRequired'));
    if (missing.length > 0 || !form.category || !form.documentChecked) return;
    setBusy(true);
    try {
      const value = await call('accounts.register', {
        realName: form.realName,
        category: form.category,
        ...(form.number.trim() ? { number: form.number } : {}),
        department: form.department,
        documentType: form.documentType,
        documentNumber: form.documentNumber,
        mobile: form.mobile,
        ...(form.email.trim() ? { email: form.email } : {}),
        documentChecked: true,
      });
      setRegistered({ value, at: new Date().toISOString() });
      setForm(EMPTY);
    } catch (err) {
      const reason = err instanceof DeskCallError && err.code === 'CONFLICT' ? err.params.reason : undefined;
      if (reason === 'account_exists') setRefusal({ reason, username: String(err instanceof DeskCallError ? (err.params.username ?? '') : '') });
      else if (reason === 'revoked') setRefusal({ reason });
      else errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  function lookUp() {
    requestLookup({ query: form.documentNumber.trim() });
    window.location.hash = '#/accounts';
  }

  return (
    <>
      <PageHeader title={t('register.title')} description={t('register.description')} />
      <Paper withBorder radius="md" p="lg" bg="white" maw={1040}>
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="register-form">
          <Stack gap="lg">
            {refusal?.reason === 'account_exists' && (
              <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('register.exists.title')} data-testid="register-exists">
                <Stack gap="xs" align="flex-start">
                  <Text fz="sm">
                    {refusal.username
                      ? t('register.exists.withUsername', { username: refusal.username })
                      : t('register.exists.pending')}
                  </Text>
                  <Button size="xs" variant="light" leftSection={<IconSearch size={14} />} onClick={lookUp}>
                    {t('register.exists.lookUp')}
                  </Button>
                </Stack>
              </Alert>
            )}
            {refusal?.reason === 'revoked' && (
              <Alert color="red" icon={<IconBan size={18} />} title={t('register.revoked.title')} data-testid="register-revoked">
                {t('register.revoked.text')}
              </Alert>
            )}
            <FormAlert message={errors.formError} />
            <Grid gap="xl">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <FormSection title={t('register.section.person')}>
                  <TextInput
                    label={t('accounts.field.realName')}
                    description={t('register.realNameHint')}
                    value={form.realName}
                    onChange={(e) => set({ realName: e.currentTarget.value })}
                    error={errors.fieldError('realName')}
                    maxLength={64}
                    autoComplete="off"
                    autoFocus
                    required
                  />
                  <Select
                    label={t('accounts.field.category')}
                    placeholder={t('register.choose')}
                    data={ACCOUNT_CATEGORIES.map((c) => ({ value: c, label: t(`accounts.category.${c}`) }))}
                    value={form.category}
                    onChange={(value) => set({ category: value as AccountCategory | null })}
                    error={errors.fieldError('category')}
                    allowDeselect={false}
                    required
                  />
                  <TextInput
                    label={t('accounts.field.number')}
                    description={t('register.numberHint')}
                    value={form.number}
                    onChange={(e) => set({ number: e.currentTarget.value })}
                    error={errors.fieldError('number')}
                    maxLength={20}
                    autoComplete="off"
                    classNames={{ input: 'mono' }}
                  />
                  <Autocomplete
                    label={t('accounts.field.department')}
                    data={departments}
                    value={form.department}
                    onChange={(value) => set({ department: value })}
                    error={errors.fieldError('department')}
                    maxLength={64}
                    autoComplete="off"
                    required
                  />
                </FormSection>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Stack gap="lg">
                  <FormSection title={t('register.section.document')}>
                    <Select
                      label={t('accounts.field.documentType')}
                      data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`accounts.documentType.${d}`) }))}
                      value={form.documentType}
                      onChange={(value) => value && set({ documentType: value as DocumentType })}
                      error={errors.fieldError('documentType')}
                      allowDeselect={false}
                      required
                    />
                    <TextInput
                      label={t('accounts.field.documentNumber')}
                      description={form.documentType === 'prc_id' ? t('register.prcIdHint') : undefined}
                      value={form.documentNumber}
                      onChange={(e) => set({ documentNumber: e.currentTarget.value })}
                      error={errors.fieldError('documentNumber')}
                      maxLength={24}
                      autoComplete="off"
                      spellCheck={false}
                      classNames={{ input: 'mono' }}
                      required
                    />
                  </FormSection>
                  <FormSection title={t('register.section.contacts')}>
                    <ContactFields
                      mobile={{
                        label: t('accounts.field.mobile'),
                        description: t('register.mobileHint'),
                        value: form.mobile,
                        onChange: (mobile) => set({ mobile }),
                        error: errors.fieldError('mobile'),
                        required: true,
                      }}
                      email={{
                        label: t('accounts.field.email'),
                        description: t('register.emailHint'),
                        value: form.email,
                        onChange: (email) => set({ email }),
                        error: errors.fieldError('email'),
                      }}
                    />
                  </FormSection>
                </Stack>
              </Grid.Col>
            </Grid>
            <Paper withBorder radius="md" p="md" bg={form.documentChecked ? 'teal.0' : 'gray.0'}>
              <Checkbox
                label={<Text fw={600}>{t('register.checked')}</Text>}
                description={t('register.checkedHint')}
                checked={form.documentChecked}
                onChange={(e) => set({ documentChecked: e.currentTarget.checked })}
                error={errors.fieldError('documentChecked')}
                data-testid="document-checked"
              />
            </Paper>
            <Group justify="space-between">
              <Text fz="xs" c="dimmed" maw={620}>
                {t('register.passwordNote')}
              </Text>
              <Group gap="sm">
                <Button
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    setForm(EMPTY);
                    setRefusal(null);
                    errors.clear();
                  }}
                >
                  {t('register.clear')}
                </Button>
                <Button type="submit" loading={busy} leftSection={<IconUserPlus size={18} />} data-testid="register-submit">
                  {t('register.submit')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Paper>
      {registered && (
        <ActivationCodeModal
          registered={registered.value}
          issuedAt={registered.at}
          onClose={() => setRegistered(null)}
          onOpenCard={() => {
            const id = registered.value.account.id;
            setRegistered(null);
            openCard(id);
          }}
        />
      )}
    </>
  );
}
