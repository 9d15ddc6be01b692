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
