const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A tagged template whose interpolations are escaped unless already marked safe with `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const piece = Array.isArray(v)
      ? v.map((x) => (x instanceof SafeHtml ? x.value : escapeHtml(String(x)))).join('')
      : v instanceof SafeHtml
        ? v.value
        : v === null || v === undefined || v === false
          ? ''
          : escapeHtml(String(v));
    out += piece + strings[i + 1]!;
  });
  return new SafeHtml(out);
}
