/**
 * A minimal browser for tests that drive the token service's real pages over HTTP: it keeps
 * cookies per origin, follows redirects by hand (so a test sees where it is sent) and
 * submits forms with the Origin header a browser would send.
 */
export class UserAgent {
  private readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects while they stay on `origin`; returns the last response and, if it left, the URL it was sent to. */
  async follow(response: Response, from: string, origin: string): Promise<{ response: Response; url: string; left: string | null }> {
    let current = response;
    let url = from;
    for (let hops = 0; hops < 10 && current.status >= 300 && current.status < 400; hops++) {
      const next = new URL(current.headers.get('location')!, url).toString();
      if (new URL(next).origin !== origin) return { response: current, url, left: next };
      url = next;
      current = await this.get(next);
    }
    return { response: current, url, left: null };
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    this.cookies.set(origin, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    return response;
  }
}

/** The value of a named hidden or text input in an HTML page. */
export function formAction(page: string): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(page);
  if (!match) throw new Error('no form on the page');
  return match[1]!.replace(/&amp;/g, '&');
}
