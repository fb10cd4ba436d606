// Fetch-API helpers the Bun adapter's HTTP paths share: capped body reading and core responses.
import type { HttpResponse } from '@herald/protocol';

/** Reads the body as text, giving up (undefined) as soon as it passes `max` bytes. */
export async function readCapped(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A core response as a fetch Response (a 204 carries no body, as the Fetch API requires). */
export function toResponse(response: HttpResponse): Response {
  return new Response(response.status === 204 ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}
