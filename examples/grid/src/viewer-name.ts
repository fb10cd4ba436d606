// Viewer names: a friendly animal per viewer id, so the presence roster has something to show.

const ANIMALS = [
  '🦊 Fox',
  '🐼 Panda',
  '🦉 Owl',
  '🐢 Turtle',
  '🦔 Hedgehog',
  '🐝 Bee',
  '🦋 Butterfly',
  '🐸 Frog',
];

/** The same name for the same id, on every app process. */
export function viewerName(viewerId: string): string {
  let hash = 0;
  for (const char of viewerId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return ANIMALS[hash % ANIMALS.length]!;
}
