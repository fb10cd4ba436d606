// X-Pusher-Signature: HMAC-SHA256 of the raw request body with the app secret, in hex.
import { createHmac } from 'node:crypto';

export function signWebhookBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
