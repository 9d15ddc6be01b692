const pad = (n: number) => String(n).padStart(2, '0');

/** Local time as `YYYY-MM-DD HH:mm:ss`: unambiguous in both languages and compact in tables. */
export function formatDateTime(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${withSeconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** A `datetime-local` input value (local time, no zone) as an ISO instant, or undefined when empty/invalid. */
export function localInputToIso(value: string, plusMs = 0): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : new Date(d.getTime() + plusMs).toISOString();
}

/** `HH:mm`, with the date in front when it is not today. */
export function formatClock(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : formatDateTime(iso, false);
}

/** Whole minutes from `now` to `iso` (negative: in the past), rounded away from the present so "in 1 min" lasts until it is due. */
export function minutesFrom(iso: string, now: Date): number {
  const ms = new Date(iso).getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / 60_000) : -Math.floor(-ms / 60_000);
}

/** A file size for people: KiB below a mebibyte, MiB with one decimal above. */
export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
