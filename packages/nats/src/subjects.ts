// Herald topics as NATS subjects: the prefix's tokens, then the whole topic escaped into one token.

// Kept as is: characters that are safe in any NATS subject token. Everything else (the token
// separator '.', the wildcards '*' and '>', whitespace, '%', non-ASCII) becomes %HH of its UTF-8
// bytes, so the mapping is one-to-one: 'a.b', 'a_b' and 'a b' stay three different subjects.
const SAFE = /^[A-Za-z0-9_:-]$/;
const encoder = new TextEncoder();

/** Escapes a topic into a single NATS subject token. */
export function topicToken(topic: string): string {
  if (topic === '') throw new TypeError('a cluster topic cannot be empty');
  let token = '';
  for (const char of topic) {
    if (SAFE.test(char)) {
      token += char;
      continue;
    }
    for (const byte of encoder.encode(char)) {
      token += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return token;
}

/** The subject a topic travels on: `<prefix>.<escaped topic>`. */
export function subjectFor(prefix: string, topic: string): string {
  return `${prefix}.${topicToken(topic)}`;
}

/** Throws a TypeError unless `prefix` is one or more valid, wildcard-free subject tokens. */
export function validatePrefix(prefix: string): void {
  const tokens = prefix.split('.');
  if (tokens.some((token) => token === '' || /[\s*>]/.test(token))) {
    throw new TypeError(
      `NATS prefix "${prefix}" must be dot-separated tokens without spaces, '*' or '>', e.g. 'herald.prod'`,
    );
  }
}
