import type { Queryable } from '../store/database';

/** The SQL of the delivery settings: the one row of notification_config (id 1). */

export interface NotifyConfigRow {
  /** JSON. */
  options: string;
  smtp_password_sealed: string | null;
  sms_api_key_sealed: string | null;
  updated_at: string;
}

export type NotifySecretColumn = 'smtp_password_sealed' | 'sms_api_key_sealed';

export function findNotifyConfig(db: Queryable): Promise<NotifyConfigRow | undefined> {
  return db.get<NotifyConfigRow>('SELECT * FROM notification_config WHERE id = 1');
}

export async function saveNotifyOptions(tx: Queryable, optionsJson: string, now: Date): Promise<void> {
  await tx.run(
    `INSERT INTO notification_config (id, options, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET options = excluded.options, updated_at = excluded.updated_at`,
    [optionsJson, now.toISOString()],
  );
}

/** Sets or (null) removes one sealed secret of the saved settings. */
export async function saveNotifySecret(tx: Queryable, column: NotifySecretColumn, sealed: string | null): Promise<void> {
  await tx.run(`UPDATE notification_config SET ${column} = ? WHERE id = 1`, [sealed]);
}
