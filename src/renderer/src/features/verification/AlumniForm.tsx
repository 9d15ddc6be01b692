import { Autocomplete, Button, Grid, Group, NumberInput, Paper, Select, Stack, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { Input } from '../../../../shared/contract';
import type { Language } from '../../../../shared/contract/common';
import { DEGREES, type Degree } from '../../../../shared/verification/terms';
import { call } from '../../api/client';
import { ContactFields } from '../../components/ContactFields';
import { FormSection } from '../../components/FormSection';
import { useI18n } from '../../i18n';
import { DocumentChecked, LanguageField, PersonFields, type PersonValue } from './form-parts';
import { UploadField } from './UploadField';
import type { ChosenUpload } from './upload-file';
import { IntakeAnswer, useIntake } from './use-intake';

const FIELDS = ['realName', 'documentType', 'documentNumber', 'mobile', 'email', 'school', 'enrolledYear', 'graduatedYear', 'major', 'degree', 'uploads', 'documentChecked'];

interface Form extends PersonValue {
  mobile: string;
  email: string;
  language: Language;
  school: string;
  enrolledYear: number | '';
  graduatedYear: number | '';
  major: string;
  degree: Degree | null;
  idPhoto: ChosenUpload | null;
  proof: ChosenUpload | null;
  documentChecked: boolean;
}

const EMPTY: Form = {
  realName: '',
  documentType: 'prc_id',
  documentNumber: '',
  mobile: '',
  email: '',
  language: 'zh-CN',
  school: '',
  enrolledYear: '',
  graduatedYear: '',
  major: '',
  degree: null,
  idPhoto: null,
  proof: null,
  documentChecked: false,
};

/** An alumnus at the counter: person, contacts, academic record, ID photo and proof; the document checked in person. */
export function AlumniForm(props: { maxBytes: number }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(EMPTY);
  const [schools, setSchools] = useState<string[]>([]);
  const intake = useIntake(FIELDS);
  const { errors, setRefusal } = intake;
  // A fresh form per submitted application, so the file inputs start empty too.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    call('accounts.departments', {}).then(setSchools, () => undefined);
  }, []);

  const set = (patch: Partial<Form>) => {
    setForm((prev) => ({ ...prev, ...patch }));
    for (const key of Object.keys(patch)) errors.setFieldError(key === 'idPhoto' || key === 'proof' ? 'uploads' : key, null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setRefusal(null);
    intake.setDone(null);
    const missing = [
      ...(['realName', 'documentNumber', 'school'] as const).filter((f) => !form[f].trim()),
      ...(['enrolledYear', 'graduatedYear'] as const).filter((f) => form[f] === ''),
    ];
    for (const f of missing) errors.setFieldError(f, t('applications.required'));
    if (!form.degree) errors.setFieldError('degree', t('applications.required'));
    if (!form.mobile.trim() && !form.email.trim()) errors.setFieldError('mobile', t('reason.mobile.contact_required'));
    if (!form.idPhoto || !form.proof) errors.setFieldError('uploads', t(form.idPhoto ? 'reason.uploads.missing_proof' : 'reason.uploads.missing_id_photo'));
    if (!form.documentChecked) errors.setFieldError('documentChecked', t('applications.checkedRequired'));
    if (missing.length || !form.degree || (!form.mobile.trim() && !form.email.trim()) || !form.idPhoto || !form.proof || !form.documentChecked) return;
    const input: Input<'verification.submitAlumni'> = {
      realName: form.realName,
      documentType: form.documentType,
      documentNumber: form.documentNumber,
      ...(form.mobile.trim() ? { mobile: form.mobile } : {}),
      ...(form.email.trim() ? { email: form.email } : {}),
      language: form.language,
      school: form.school,
      enrolledYear: Number(form.enrolledYear),
      graduatedYear: Number(form.graduatedYear),
      major: form.major,
      degree: form.degree,
      documentChecked: true,
      uploads: [form.idPhoto, form.proof].map((u) => ({ kind: u.kind, fileName: u.fileName, contentBase64: u.contentBase64 })),
    };
    await intake.send(
      () => call('verification.submitAlumni', input),
      () => {
        setForm(EMPTY);
        setGeneration((g) => g + 1);
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="lg" bg="white" maw={1100} key={generation}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="alumni-form">
        <Stack gap="lg">
          <IntakeAnswer intake={intake} />
          <Grid gap="xl">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="lg">
                <FormSection title={t('applications.section.person')}>
                  <PersonFields value={form} onChange={set} error={errors.fieldError} />
                </FormSection>
                <FormSection title={t('applications.section.contacts')}>
                  <ContactFields
                    mobile={{
                      label: t('applications.field.mobile'),
                      description: t('applications.contactHint'),
                      value: form.mobile,
                      onChange: (mobile) => set({ mobile }),
                      error: errors.fieldError('mobile'),
                    }}
                    email={{ label: t('applications.field.email'), value: form.email, onChange: (email) => set({ email }), error: errors.fieldError('email') }}
                  />
                  <LanguageField value={form.language} onChange={(language) => set({ language })} />
                </FormSection>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="lg">
                <FormSection title={t('applications.section.academic')}>
                  <Autocomplete
                    label={t('applications.field.school')}
                    data={schools}
                    value={form.school}
                    onChange={(school) => set({ school })}
                    error={errors.fieldError('school')}
                    maxLength={64}
                    autoComplete="off"
                    required
                  />
                  <Group grow align="flex-start">
                    <NumberInput
                      label={t('applications.field.enrolledYear')}
                      value={form.enrolledYear}
                      onChange={(v) => set({ enrolledYear: v === '' ? '' : Number(v) })}
                      error={errors.fieldError('enrolledYear')}
                      min={1896}
                      max={2100}
                      allowDecimal={false}
                      hideControls
                      required
                    />
                    <NumberInput
                      label={t('applications.field.graduatedYear')}
                      value={form.graduatedYear}
                      onChange={(v) => set({ graduatedYear: v === '' ? '' : Number(v) })}
                      error={errors.fieldError('graduatedYear')}
                      min={1896}
                      max={2100}
                      allowDecimal={false}
                      hideControls
                      required
                    />
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('applications.field.major')}
                      value={form.major}
                      onChange={(e) => set({ major: e.currentTarget.value })}
                      error={errors.fieldError('major')}
                      maxLength={64}
                    />
                    <Select
                      label={t('applications.field.degree')}
                      data={DEGREES.map((d) => ({ value: d, label: t(`verification.degree.${d}`) }))}
                      value={form.degree}
                      onChange={(v) => set({ degree: v as Degree | null })}
                      error={errors.fieldError('degree')}
                      allowDeselect={false}
                      required
                    />
                  </Group>
                </FormSection>
                <FormSection title={t('applications.section.uploads')}>
                  <UploadField kind="id_photo" label={t('applications.field.idPhoto')} maxBytes={props.maxBytes} value={form.idPhoto} onChange={(idPhoto) => set({ idPhoto })} required />
                  <UploadField
                    kind="proof"
                    label={t('applications.field.proof')}
                    maxBytes={props.maxBytes}
                    value={form.proof}
                    onChange={(proof) => set({ proof })}
                    error={errors.fieldError('uploads')}
                    required
                  />
                </FormSection>
              </Stack>
            </Grid.Col>
          </Grid>
          <DocumentChecked checked={form.documentChecked} onChange={(documentChecked) => set({ documentChecked })} error={errors.fieldError('documentChecked')} />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setForm(EMPTY);
                setGeneration((g) => g + 1);
                setRefusal(null);
                errors.clear();
              }}
            >
              {t('applications.clear')}
            </Button>
            <Button type="submit" loading={intake.busy} leftSection={<IconSend size={18} />} data-testid="alumni-submit">
              {t('applications.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
