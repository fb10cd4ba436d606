// useLatest: a ref to the latest committed value, so listeners bound once always call the newest callback.
import { useInsertionEffect, useRef, type RefObject } from 'react';

/**
 * Returns a ref holding `value` as of the last commit. Updated in an insertion effect: before any
 * layout or passive effect could call it, never from a render React may throw away, and without
 * the server warning of useLayoutEffect in React 18.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
