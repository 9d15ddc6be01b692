/** A `%` not followed by two hex digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * The request target as a URL on `origin`, or why it is not one: both servers answer 400 for
 * these before routing, rather than let a parser deeper in throw. Only origin-form targets
 * (`/path?query`) are served; the path must be percent-encoded UTF-8 (decodeURIComponent takes
 * it), and the query must at least be well-formed percent-encoding.
 */
export function parseRequestTarget(raw: string | undefined, origin: string): { url: URL } | { problem: string } {
  const target = raw ?? '/';
  if (!target.startsWith('/')) return { problem: 'the request target must be a path starting with "/"' };
  let url: URL;
  try {
    // Appended, not resolved against the origin: "//x" is a path here, not another host.
    url = new URL(`${origin}${target}`);
  } catch {
    return { problem: 'the request target is not a valid path' };
  }
  if (url.origin !== new URL(origin).origin) return { problem: 'the request target is not a valid path' };
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return { problem: 'the path has a malformed percent-encoding (a "%" must start a UTF-8 byte such as %2F)' };
  }
  if (BAD_ESCAPE.test(url.search)) return { problem: 'the query has a malformed percent-encoding (a "%" must be followed by two hex digits)' };
  return { url };
}
