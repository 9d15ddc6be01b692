import {
  Autocomplete,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { ApplicationDetail, ClientType } from '../../../../shared/contract/clients';
import type { GrantType, Scope } from '../../../../shared/oauth/scopes';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { FormSection } from '../../components/FormSection';
import { useI18n } from '../../i18n';
import { useClientFormErrors } from './client-errors';
import { GRANTS } from './labels';
import { ScopeChoice } from './ScopeChoice';
import { LinesInput, toLines } from './LinesInput';

const FIELDS = [
  'appName',
  'department',
  'purpose',
  'homepage',
  'clientType',
  'tokenEndpointAuthMethod',
  'grantTypes',
  'scopes',
  'redirectUris',
  'postLogoutRedirectUris',
  'contact.name',
  'contact.email',
  'contact.phone',
];

interface Form {
  appName: string;
  department: string;
  purpose: string;
  homepage: string;
  clientType: ClientType;
  authMethod: 'client_secret_basic' | 'client_secret_post';
  grantTypes: GrantType[];
  scopes: Scope[];
  redirectUris: string;
  postLogoutRedirectUris: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const EMPTY: Form = {
  appName: '',
  department: '',
  purpose: '',
  homepage: '',
  clientType: 'confidential',
  authMethod: 'client_secret_basic',
  grantTypes: ['authorization_code'],
  scopes: ['openid'],
  redirectUris: '',
  postLogoutRedirectUris: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

/** An application as the department's form has it, entered by NIC staff. */
export function ApplicationForm(props: { opened: boolean; onClose: () => void; onSubmitted: (application: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [departments, setDepartments] = useState<string[]>([]);
  const errors = useClientFormErrors(FIELDS);
  const { opened } = props;

  useEffect(() => {
    if (opened) call('clients.departments', {}).then(setDepartments, () => undefined);
  }, [opened]);

  const set = (patch: Partial<Form>) => setForm((prev) => ({ ...prev, ...patch }));
  const codeFlow = form.grantTypes.includes('authorization_code');

  function setClientType(clientType: ClientType) {
    // A public client holds no secret: client credentials are not for it.
    set({ clientType, grantTypes: clientType === 'public' ? form.grantTypes.filter((g) => g !== 'client_credentials') : form.grantTypes });
  }

  function close() {
    setForm(EMPTY);
    errors.clear();
    props.onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const application = await call('clients.submit', {
        appName: form.appName,
        department: form.department,
        purpose: form.purpose,
        homepage: form.homepage,
        clientType: form.clientType,
        ...(form.clientType === 'confidential' ? { tokenEndpointAuthMethod: form.authMethod } : {}),
        grantTypes: form.grantTypes,
        scopes: form.scopes,
        redirectUris: codeFlow ? toLines(form.redirectUris).entries : [],
        postLogoutRedirectUris: codeFlow ? toLines(form.postLogoutRedirectUris).entries : [],
        contact: { name: form.contactName, email: form.contactEmail, phone: form.contactPhone },
      });
      setForm(EMPTY);
      props.onSubmitted(application);
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  const text = (field: keyof Form, path: string, label: string, extra: { description?: string; type?: string; mono?: boolean } = {}) => (
    <TextInput
      label={label}
      description={extra.description}
      value={form[field] as string}
      onChange={(e) => set({ [field]: e.currentTarget.value } as Partial<Form>)}
      error={errors.fieldError(path)}
      type={extra.type}
      classNames={extra.mono ? { input: 'mono' } : undefined}
      autoComplete="off"
      required
    />
  );

  return (
    <Modal opened={opened} onClose={close} title={t('clients.form.title')} size={1040} centered>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="application-form">
        <Stack gap="lg">
          <Text fz="sm" c="dimmed">
            {t('clients.form.intro')}
          </Text>
          <FormAlert message={errors.formError} />
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="lg">
                <FormSection title={t('clients.form.section.application')}>
                  {text('appName', 'appName', t('clients.field.appName'))}
                  <Autocomplete
                    label={t('clients.field.department')}
                    data={departments}
                    value={form.department}
                    onChange={(department) => set({ department })}
                    error={errors.fieldError('department')}
                    maxLength={64}
                    autoComplete="off"
                    required
                  />
                  <Textarea
                    label={t('clients.field.purpose')}
                    value={form.purpose}
                    onChange={(e) => set({ purpose: e.currentTarget.value })}
                    error={errors.fieldError('purpose')}
                    autosize
                    minRows={2}
                    maxRows={4}
                    maxLength={1000}
                    required
                  />
                  {text('homepage', 'homepage', t('clients.field.homepage'), { description: t('clients.field.homepageHint'), mono: true })}
                </FormSection>
                <FormSection title={t('clients.form.section.contact')}>
                  {text('contactName', 'contact.name', t('clients.field.contactName'))}
                  <Group grow align="flex-start">
                    {text('contactEmail', 'contact.email', t('clients.field.contactEmail'), { type: 'email' })}
                    {text('contactPhone', 'contact.phone', t('clients.field.contactPhone'), { type: 'tel' })}
                  </Group>
                </FormSection>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <FormSection title={t('clients.form.section.oauth')}>
                <Stack gap={4}>
                  <Text fz="sm" fw={500}>
                    {t('clients.field.clientType')}
                  </Text>
                  <SegmentedControl
                    value={form.clientType}
                    onChange={(value) => setClientType(value as ClientType)}
                    data={(['confidential', 'public'] as const).map((value) => ({ value, label: t(`clients.type.${value}`) }))}
                    data-testid="client-type"
                  />
                  <Text fz="xs" c="dimmed">
                    {t(`clients.type.${form.clientType}.hint`)}
                  </Text>
                </Stack>
                <Checkbox.Group
                  label={t('clients.field.grantTypes')}
                  value={form.grantTypes}
                  onChange={(value) => set({ grantTypes: value as GrantType[] })}
                  error={errors.fieldError('grantTypes')}
                  required
                >
                  <Stack gap={6} mt={6}>
                    {GRANTS.map((grant) => (
                      <Checkbox
                        key={grant}
                        value={grant}
                        label={t(`clients.grant.${grant}`)}
                        description={t(`clients.grant.${grant}.hint`)}
                        disabled={form.clientType === 'public' && grant === 'client_credentials'}
                        data-testid={`grant-${grant}`}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
                {form.clientType === 'confidential' && (
                  <Select
                    label={t('clients.field.authMethod')}
                    data={(['client_secret_basic', 'client_secret_post'] as const).map((value) => ({
                      value,
                      label: t(`clients.authMethod.${value}`),
                    }))}
                    value={form.authMethod}
                    onChange={(value) => value && set({ authMethod: value as Form['authMethod'] })}
                    error={errors.fieldError('tokenEndpointAuthMethod')}
                    allowDeselect={false}
                  />
                )}
                <ScopeChoice value={form.scopes} onChange={(scopes) => set({ scopes })} error={errors.fieldError('scopes')} />
                {codeFlow && (
                  <>
                    <LinesInput
                      label={t('clients.field.redirectUris')}
                      description={t('clients.field.redirectUrisHint')}
                      value={form.redirectUris}
                      onChange={(redirectUris) => {
                        set({ redirectUris });
                        errors.setFieldError('redirectUris', null);
                      }}
                      entryErrors={errors.entryErrors('redirectUris')}
                      fieldError={errors.fieldError('redirectUris')}
                      testId="redirect-uris"
                      required
                    />
                    <LinesInput
                      label={t('clients.field.postLogoutRedirectUris')}
                      description={t('clients.field.postLogoutRedirectUrisHint')}
                      value={form.postLogoutRedirectUris}
                      onChange={(postLogoutRedirectUris) => {
                        set({ postLogoutRedirectUris });
                        errors.setFieldError('postLogoutRedirectUris', null);
                      }}
                      entryErrors={errors.entryErrors('postLogoutRedirectUris')}
                      fieldError={errors.fieldError('postLogoutRedirectUris')}
                      testId="post-logout-uris"
                    />
                  </>
                )}
              </FormSection>
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="application-submit">
              {t('clients.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
