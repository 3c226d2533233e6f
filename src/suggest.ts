/** Did-you-mean: the known word a mistyped one was probably meant to be (answers-file keys, interface ids). */

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `written`, ignoring case, if any is close: at most 3 edits, and never most of
 * a short candidate (`ab` is not a typo of `name`). The first of equally close candidates wins.
 */
export function closest(written: string, candidates: readonly string[]): string | undefined {
  const wanted = written.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(wanted, candidate.toLowerCase());
    if (distance > Math.min(3, Math.floor(candidate.length / 2))) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}
