/**
 * Keeps the process alive until `work` settles. The core's timers (backoff, rate limiting) are
 * unref'd so they never hold a CLI open on their own; a command waiting only on such a timer
 * would otherwise end mid-way with exit code 13 ("unsettled top-level await").
 */
export async function holdOpen<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => {}, 2 ** 30);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
