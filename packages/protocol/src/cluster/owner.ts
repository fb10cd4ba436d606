// Rendezvous ownership: which live node speaks for a channel in cluster-wide notifications.

/**
 * Picks one node per key with rendezvous (highest-random-weight) hashing: every node computes the
 * same owner from the same member list without coordination, and a node joining or leaving moves
 * only the keys it wins or held. Used so a cluster-wide event (a channel vacated on its last node,
 * a member's last socket gone) is reported by exactly one node.
 */
export function ownerOf(nodeIds: Iterable<string>, key: string): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const id of nodeIds) {
    const weight = fnv1a(id, fnv1a(key, 0x811c9dc5));
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && id < best)) {
      best = id;
      bestWeight = weight;
    }
  }
  return best;
}

/** 32-bit FNV-1a over UTF-16 units, continuing from `seed`; unsigned result. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
