import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPoint } from '@tabler/icons-react';
import { useI18n } from '../../i18n';

/** The staff password policy, with the parts the console can check as you type. */
export function PasswordHints({ password, username }: { password: string; username: string }) {
  const { t } = useI18n();
  const rules = [
    { label: t('password.hint.length'), met: password.length >= 12 },
    { label: t('password.hint.username'), met: password.length > 0 && !password.toLowerCase().includes(username.toLowerCase()) },
    { label: t('password.hint.common'), met: null },
  ];
  return (
    <List spacing={4} size="xs" center data-testid="password-hints">
      {rules.map((rule) => (
        <List.Item
          key={rule.label}
          icon={
            <ThemeIcon size={16} radius="xl" variant="light" color={rule.met ? 'teal' : 'gray'}>
              {rule.met ? <IconCheck size={11} /> : <IconPoint size={11} />}
            </ThemeIcon>
          }
        >
          <Text fz="xs" c={rule.met ? 'teal.8' : 'dimmed'}>
            {rule.label}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
