import type { NotificationAdapter } from './adapter';
import { developmentAdapter } from './development-adapter';
import type { NotifyConfig } from './notify-config';
import { smsGatewayAdapter } from './sms-gateway-adapter';
import { smtpAdapter } from './smtp-adapter';

/** The adapter each channel sends through, as the settings say. */
export function adaptersFor(config: NotifyConfig): Record<'email' | 'sms', NotificationAdapter> {
  const { options, secrets } = config;
  return {
    email:
      options.emailAdapter === 'smtp'
        ? smtpAdapter({
            host: options.smtpHost,
            port: options.smtpPort,
            security: options.smtpSecurity,
            user: options.smtpUser,
            password: secrets.smtpPassword,
            from: options.smtpFrom,
          })
        : developmentAdapter,
    sms:
      options.smsAdapter === 'sms-http'
        ? smsGatewayAdapter({
            url: options.smsUrl,
            bodyTemplate: options.smsBodyTemplate,
            signature: options.smsSignature,
            apiKeyHeader: options.smsApiKeyHeader,
            apiKey: secrets.smsApiKey,
          })
        : developmentAdapter,
  };
}
