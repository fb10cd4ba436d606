import { frameFromText } from '@herald/protocol';
import { describe, expect, it } from 'vitest';
import { buildWsTextFrame, WS_FRAME, wsFrameBytes } from './ws-frame';

/** Reads back a server frame: FIN + opcode, payload length, payload (server frames are unmasked). */
function parse(bytes: Buffer): { first: number; isMasked: boolean; payload: string } {
  const lengthByte = bytes[1]! & 0x7f;
  let offset = 2;
  let length = lengthByte;
  if (lengthByte === 126) {
    length = bytes.readUInt16BE(2);
    offset = 4;
  } else if (lengthByte === 127) {
    length = Number(bytes.readBigUInt64BE(2));
    offset = 10;
  }
  expect(bytes.length).toBe(offset + length);
  return {
    first: bytes[0]!,
    isMasked: (bytes[1]! & 0x80) !== 0,
    payload: bytes.subarray(offset).toString('utf8'),
  };
}

describe('buildWsTextFrame', () => {
  it.each([
    ['a short message (7-bit length)', 'x'.repeat(10)],
    ['a medium message (16-bit length)', 'x'.repeat(300)],
    ['a large message (64-bit length)', 'x'.repeat(70_000)],
    ['multi-byte UTF-8, sized in bytes', 'é😀'.repeat(50)],
  ])('frames %s as one final, unmasked text frame', (_name, text) => {
    const frame = parse(buildWsTextFrame(text));
    expect(frame.first).toBe(0x81);
    expect(frame.isMasked).toBe(false);
    expect(frame.payload).toBe(text);
  });
});

describe('wsFrameBytes', () => {
  it('memoizes the bytes on the frame under WS_FRAME', () => {
    const frame = frameFromText('{"event":"e"}');
    const first = wsFrameBytes(frame);
    expect(wsFrameBytes(frame)).toBe(first);
    expect(frame.encode(WS_FRAME, () => Buffer.alloc(0))).toBe(first);
  });
});
