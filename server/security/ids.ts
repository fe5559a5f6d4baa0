import { v7 } from 'uuid';

/** Time-ordered UUIDv7 keys keep B-tree inserts at the right edge. */
export function newId(): string {
  return v7();
}
