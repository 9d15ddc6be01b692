import { Alert, Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { IconSearch, IconSend, IconUserCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { Language } from '../../../../shared/contract/common';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { ContactFields } from '../../components/ContactFields';
import { FormSection } from '../../components/FormSection';
import { useI18n } from '../../i18n';
import { DocumentChecked, LanguageField, PersonFields, type PersonValue } from './form-parts';
import { UploadField } from './UploadField';
import type { ChosenUpload } from './upload-file';
import { IntakeAnswer, useIntake } from './use-intake';

const FIELDS = ['realName', 'documentType', 'documentNumber', 'newMobile', 'newEmail', 'uploads', 'documentChecked'];
type Found = Output<'verification.findAccount'>;

/**
 * A holder who lost every bound contact: first the account is found by the holder's name and
 * document, then the new contacts are taken in for review.
 */
export function ContactChangeForm(props: { maxBytes: number }) {
  const { t } = useI18n();
  const [person, setPerson] = useState<PersonValue>({ realName: '', documentType: 'prc_id', documentNumber: '' });
  const [found, setFound] = useState<Found | null>(null);
  const [newMobile, setNewMobile] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [idPhoto, setIdPhoto] = useState<ChosenUpload | null>(null);
  const [checked, setChecked] = useState(false);
  const intake = useIntake(FIELDS);
  const { errors, setRefusal, setBusy } = intake;

  function reset() {
    setFound(null);
    setNewMobile('');
    setNewEmail('');
    setIdPhoto(null);
    setChecked(false);
    setRefusal(null);
    errors.clear();
  }

  async function find(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    intake.setDone(null);
    setBusy(true);
    try {
      setFound(await call('verification.findAccount', person));
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!found) return;
    errors.clear();
    setRefusal(null);
    if (!newMobile.trim() && !newEmail.trim()) errors.setFieldError('newMobile', t('reason.newMobile.contact_required'));
    if (!checked) errors.setFieldError('documentChecked', t('applications.checkedRequired'));
    if ((!newMobile.trim() && !newEmail.trim()) || !checked) return;
    const accountId = found.id;
    await intake.send(
      () =>
        call('verification.submitContactChange', {
          ...person,
          accountId,
          ...(newMobile.trim() ? { newMobile } : {}),
          ...(newEmail.trim() ? { newEmail } : {}),
          language,
          documentChecked: true,
          uploads: idPhoto ? [{ kind: idPhoto.kind, fileName: idPhoto.fileName, contentBase64: idPhoto.contentBase64 }] : [],
        }),
      () => {
        setPerson({ realName: '', documentType: 'prc_id', documentNumber: '' });
        reset();
      },
    );
  }

  const none = t('review.case.noContact');
  return (
    <Paper withBorder radius="md" p="lg" bg="white" maw={1100}>
      <Stack gap="lg">
        <IntakeAnswer intake={intake} />
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <form onSubmit={(e) => void find(e)} noValidate data-testid="contact-find-form">
              <FormSection title={t('applications.section.person')}>
                <Text fz="sm" c="dimmed">
                  {t('applications.contact.findHint')}
                </Text>
                <PersonFields
                  value={person}
                  onChange={(patch) => {
                    setPerson((p) => ({ ...p, ...patch }));
                    for (const key of Object.keys(patch)) errors.setFieldError(key, null);
                  }}
                  error={errors.fieldError}
                  readOnly={found !== null}
                />
                <Group justify="flex-end">
                  {found ? (
                    <Button variant="default" onClick={reset}>
                      {t('applications.contact.another')}
                    </Button>
                  ) : (
                    <Button type="submit" loading={intake.busy} leftSection={<IconSearch size={16} />} data-testid="contact-find">
                      {t('applications.contact.find')}
                    </Button>
                  )}
                </Group>
              </FormSection>
            </form>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            {found && (
              <form onSubmit={(e) => void submit(e)} noValidate data-testid="contact-change-form">
                <Stack gap="lg">
                  <Alert color="blue" variant="light" icon={<IconUserCheck size={18} />} title={t('applications.contact.found')} data-testid="contact-found">
                    <Text fz="sm">
                      {found.realName} · {found.usernameMasked ?? '—'} · {found.department}
                    </Text>
                    <Text fz="sm">{t('applications.contact.current', { mobile: found.mobileMasked ?? none, email: found.emailMasked ?? none })}</Text>
                  </Alert>
                  <FormSection title={t('review.case.newContacts')}>
                    <Text fz="sm" c="dimmed">
                      {t('applications.contact.allChanged')}
                    </Text>
                    <ContactFields
                      mobile={{
                        label: t('applications.field.newMobile'),
                        value: newMobile,
                        onChange: (value) => {
                          setNewMobile(value);
                          errors.setFieldError('newMobile', null);
                        },
                        error: errors.fieldError('newMobile'),
                      }}
                      email={{
                        label: t('applications.field.newEmail'),
                        value: newEmail,
                        onChange: (value) => {
                          setNewEmail(value);
                          errors.setFieldError('newEmail', null);
                        },
                        error: errors.fieldError('newEmail'),
                      }}
                    />
                    <LanguageField value={language} onChange={setLanguage} />
                    <UploadField kind="id_photo" label={t('applications.field.idPhoto')} maxBytes={props.maxBytes} value={idPhoto} onChange={setIdPhoto} error={errors.fieldError('uploads')} />
                  </FormSection>
                  <DocumentChecked checked={checked} onChange={setChecked} error={errors.fieldError('documentChecked')} />
                  <Group justify="flex-end">
                    <Button type="submit" loading={intake.busy} leftSection={<IconSend size={18} />} data-testid="contact-submit">
                      {t('applications.submit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}
