import { Button, Group, Input, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { KeyView } from '../../../../shared/contract/keys';
import { KEY_ALGS, type KeyAlg, RSA_SIZES, type RsaSize } from '../../../../shared/signing-keys';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['alg', 'size'];

export function GenerateKeyModal(props: { delayHours: number; onClose: () => void; onDone: (key: KeyView) => void }) {
  const { t } = useI18n();
  const [alg, setAlg] = useState<KeyAlg>('RS256');
  const [size, setSize] = useState<RsaSize>(2048);
  const [busy, setBusy] = useState(false);
  const errors = useKeyErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      props.onDone(await call('keys.generateNext', alg === 'RS256' ? { alg, size } : { alg }));
    } catch (err) {
      errors.report(err);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={t('keys.generate.title')} centered size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="generate-key-form">
        <Stack gap="md">
          <Text fz="sm">{t('keys.generate.text', { delay: props.delayHours })}</Text>
          <FormAlert message={errors.formError} />
          <Input.Wrapper label={t('keys.generate.alg')} description={t(`keys.algUse.${alg}`)} error={errors.fieldError('alg')}>
            <SegmentedControl
              mt={6}
              fullWidth
              value={alg}
              onChange={(value) => setAlg(value as KeyAlg)}
              data={KEY_ALGS.map((a) => ({ value: a, label: t(`keys.alg.${a}`) }))}
              data-testid="generate-alg"
            />
          </Input.Wrapper>
          {alg === 'RS256' && (
            <Input.Wrapper label={t('keys.generate.size')} error={errors.fieldError('size')}>
              <SegmentedControl
                mt={6}
                fullWidth
                value={String(size)}
                onChange={(value) => setSize(Number(value) as RsaSize)}
                data={RSA_SIZES.map((s) => ({ value: String(s), label: t('keys.size', { size: s }) }))}
                data-testid="generate-size"
              />
            </Input.Wrapper>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="generate-submit">
              {t('keys.generate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
