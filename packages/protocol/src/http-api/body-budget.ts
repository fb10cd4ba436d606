// BodyBudget: the bytes of request bodies an adapter may hold at once, across every request.

/**
 * Each app's `maxRequestBodyBytes` bounds one request; this bounds them together, so many slow or
 * parallel uploads cannot add up to the node's memory. An adapter reserves a request's declared
 * length (or the app's cap when the length is not declared) before reading, and releases it when
 * the request ends; a reservation that does not fit is answered 503 with `Retry-After`.
 */
export class BodyBudget {
  private heldBytes = 0;

  constructor(readonly maxBytes: number) {
    if (!(maxBytes > 0)) throw new TypeError('maxInFlightBodyBytes must be a positive number');
  }

  /** Bytes reserved now. */
  get inFlightBytes(): number {
    return this.heldBytes;
  }

  /** Reserves `bytes`; false (nothing reserved) when that would pass the budget. */
  tryReserve(bytes: number): boolean {
    if (this.heldBytes + bytes > this.maxBytes) return false;
    this.heldBytes += bytes;
    return true;
  }

  release(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
  }
}
