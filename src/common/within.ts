// Waiting with a deadline: for shutdowns that give work a grace period and then go on regardless.

/** Resolves when `promise` settles or after `ms`, whichever comes first, leaving no timer behind. */
export function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
