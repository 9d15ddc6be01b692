import type { NotifyOptions, NotifySettingsView } from '../../shared/contract/notify';
import { notifyOptions } from '../../shared/contract/notify';
import type { DataKey } from '../crypto/data-key';
import type { NotifySecretColumn } from './notify-config-repository';
import { DEFAULT_SMS_BODY_TEMPLATE } from './sms-body';
import type { Repositories } from '../repositories';

/** A fresh desk sends nothing anywhere: both channels go to the development outbox screen. */
export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  emailAdapter: 'development',
  smsAdapter: 'development',
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: '',
  smtpFrom: '',
  smsUrl: '',
  smsBodyTemplate: DEFAULT_SMS_BODY_TEMPLATE,
  smsSignature: '【上海交通大学】',
  smsApiKeyHeader: 'X-API-Key',
};

const SECRET_CONTEXT = { smtpPassword: 'notification_config.smtp_password', smsApiKey: 'notification_config.sms_api_key' } as const;
export type SecretName = keyof typeof SECRET_CONTEXT;
const SECRET_COLUMN: Record<SecretName, NotifySecretColumn> = { smtpPassword: 'smtp_password_sealed', smsApiKey: 'sms_api_key_sealed' };

/** The delivery settings with their secrets opened: for the dispatcher only, never for a channel. */
export interface NotifyConfig {
  options: NotifyOptions;
  secrets: Record<SecretName, string | null>;
  updatedAt: string | null;
}

export async function readNotifyConfig(repos: Repositories, dataKey: DataKey): Promise<NotifyConfig> {
  const row = await repos.notifyConfig.findNotifyConfig();
  if (!row) return { options: DEFAULT_NOTIFY_OPTIONS, secrets: { smtpPassword: null, smsApiKey: null }, updatedAt: null };
  const stored = notifyOptions.safeParse({ ...DEFAULT_NOTIFY_OPTIONS, ...(JSON.parse(row.options) as object) });
  const open = (name: SecretName, sealed: string | null) => (sealed ? dataKey.open(sealed, SECRET_CONTEXT[name]) : null);
  return {
    options: stored.success ? stored.data : DEFAULT_NOTIFY_OPTIONS,
    secrets: { smtpPassword: open('smtpPassword', row.smtp_password_sealed), smsApiKey: open('smsApiKey', row.sms_api_key_sealed) },
    updatedAt: row.updated_at,
  };
}

/** What a channel may say about the settings: the options and whether each secret is set, never the secret. */
export function settingsView(config: NotifyConfig): NotifySettingsView {
  return {
    ...config.options,
    smtpPasswordSet: config.secrets.smtpPassword !== null,
    smsApiKeySet: config.secrets.smsApiKey !== null,
    updatedAt: config.updatedAt,
  };
}

/** Saves the options; a secret is replaced when given a string, removed when null, kept when undefined. */
export async function writeNotifyConfig(
  repos: Repositories,
  dataKey: DataKey,
  options: NotifyOptions,
  secrets: Partial<Record<SecretName, string | null>>,
  now: Date,
): Promise<void> {
  await repos.notifyConfig.saveNotifyOptions(JSON.stringify(options), now);
  for (const name of Object.keys(SECRET_CONTEXT) as SecretName[]) {
    const value = secrets[name];
    if (value === undefined) continue;
    await repos.notifyConfig.saveNotifySecret(SECRET_COLUMN[name], value === null ? null : dataKey.seal(value, SECRET_CONTEXT[name]));
  }
}
