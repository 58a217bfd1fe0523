// Waiting a bounded time for something that may be ready soon, without consuming or failing on it.

/** True when `p` settles (resolves or rejects) within `ms`; the caller awaits `p` again for its value. */
export function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}
