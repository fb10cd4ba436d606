// URL redaction for log lines: where a request goes, never the credentials it carries.

/** What replaces a password or a query value. */
const MASK = '***';

/**
 * Returns `url` fit for a log line: the password and every query value become `***` and the
 * fragment is dropped; scheme, user name, host, port, path and query names stay, so an operator
 * still sees where it points. Webhook receivers often take their token in the query
 * (`?token=…`) and bus URLs their password in the user info; neither belongs in logs. A string that
 * does not parse as a URL becomes `(url)`, since it cannot be told apart from a bare secret.
 *
 * @example
 * ```ts
 * redactUrl('https://hooks.example.com/pusher?token=abc&app=1'); // 'https://hooks.example.com/pusher?token=***&app=***'
 * redactUrl('redis://default:hunter2@cache:6379'); // 'redis://default:***@cache:6379'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(url)';
  }
  if (parsed.password) parsed.password = MASK;
  parsed.hash = '';
  if (parsed.search) {
    const names = [...new Set(parsed.searchParams.keys())];
    parsed.search = names.map((name) => `${encodeURIComponent(name)}=${MASK}`).join('&');
  }
  return parsed.toString();
}
