/** Appends items one by one: `push(...items)` overflows the call stack for very large arrays (a note with 150,000 schema errors). */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) {
    target.push(item);
  }
  return target;
}
