// Socket ids in Pusher's `digits.digits` form.

const SOCKET_ID = /^\d+\.\d+$/;

/** A fresh socket id; random so ids do not reveal connection counts or collide across nodes. */
export function createSocketId(): string {
  return `${randomPart()}.${randomPart()}`;
}

/** Whether `value` has the socket id format (`123.456`). */
export function isSocketId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && SOCKET_ID.test(value);
}

function randomPart(): number {
  return Math.floor(Math.random() * 1_000_000_000) + 1;
}
