/**
 * What is made from a kept value (a versioned cache's entry, which is never changed once built)
 * and is the same for everyone who asks with the same key: a committee report laid out in a
 * language, with the links a reader may follow. It is kept with the value it was made from, and
 * goes when that value goes (a new build of the kept value starts afresh), so it can never be
 * older than what it was made from. A few keys a value: the oldest is dropped past `max`.
 */
export interface DerivedCache<From extends object, T> {
  get(from: From, key: string, make: () => Promise<T>): Promise<T>;
}

export function createDerivedCache<From extends object, T>(options: {
  max: number;
}): DerivedCache<From, T> {
  const made = new WeakMap<From, Map<string, Promise<T>>>();
  return {
    get(from, key, make) {
      let byKey = made.get(from);
      if (!byKey) made.set(from, (byKey = new Map()));
      const kept = byKey.get(key);
      if (kept) return kept;
      const value = make();
      byKey.set(key, value);
      // A failure is not kept: the next reader makes it again.
      value.catch(() => byKey.delete(key));
      if (byKey.size > options.max) byKey.delete(byKey.keys().next().value!);
      return value;
    },
  };
}
