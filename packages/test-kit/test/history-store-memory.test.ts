// The HistoryStore contract suite against the single-node default, answering at once and behind promises.
import { MemoryHistoryStore, type HistoryStore } from '@herald/protocol';
import { defineHistoryStoreConformance } from '../src/index';

defineHistoryStoreConformance('memory', (clock) => new MemoryHistoryStore(clock));

// As a networked store answers: every operation a promise, resolved in call order.
defineHistoryStoreConformance('memory behind promises', (clock): HistoryStore => {
  const inner = new MemoryHistoryStore(clock);
  return {
    isShared: false,
    append: (...args) => Promise.resolve(inner.append(...args)),
    read: (...args) => Promise.resolve(inner.read(...args)),
    usage: (appId) => inner.usage(appId),
    close: () => inner.close(),
  };
});
