// HMAC-SHA256 signatures and constant-time comparison: the only crypto the protocol needs.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `text` keyed by `secret`. */
export function hmacSha256Hex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** Hex MD5 of `text`, as Pusher's `body_md5`. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/**
 * Compares two strings in time independent of where they differ. Unequal lengths still cost one
 * comparison, so length is the only thing a timing attacker can learn (and signatures have a fixed one).
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
