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
 * a short candidate (`ab` is not a typo of `name`). The first of equally close candidates wins. Failing
 * that, the one candidate `written` abbreviates (`kv` for `keyvalue`, `pg` for `postgres`).
 */
export function closest(written: string, candidates: readonly string[]): string | undefined {
  const wanted = written.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(wanted, candidate.toLowerCase());
    if (distance > Math.min(3, Math.floor(candidate.length / 2))) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate ?? abbreviated(wanted, candidates);
}

/** The first letter of each word: `mh` for `messaging-handler`, `kb` for `keyvalueBackend`. */
function initials(candidate: string): string {
  return candidate
    .split(/-|(?=[A-Z])/)
    .map((word) => word.charAt(0).toLowerCase())
    .join('');
}

/**
 * Whether `short` abbreviates `candidate` as people shorten words: its first letter, then the rest of its
 * letters in order, some left out between them. A consonant may come from anywhere further on (`kv` of
 * keyvalue, `pg` of postgres, `cfg` of config); a vowel only from the start of a word or right after the
 * letter before it (`log` of logging), since words are shortened by their vowels: `hi` abbreviates
 * nothing of http-client, nor `ci` of config.
 */
function abbreviates(short: string, candidate: string): boolean {
  const long = candidate.toLowerCase();
  const wordStart = (p: number): boolean => p === 0 || candidate[p - 1] === '-' || /[A-Z]/.test(candidate[p] as string);
  const from = (i: number, previous: number): boolean => {
    if (i === short.length) return true;
    const c = short[i] as string;
    for (let p = previous + 1; p < long.length; p++) {
      if (long[p] !== c) continue;
      if ((/[aeiou]/.test(c) && p !== previous + 1 && !wordStart(p)) || !from(i + 1, p)) continue;
      return true;
    }
    return false;
  };
  return short.length < long.length && short[0] === long[0] && from(1, 0);
}

/**
 * The one candidate `wanted` (lowercase, two letters or more) abbreviates; of several, the one whose
 * words' initials it is (`mh`: messaging-handler, not messaging-publisher); else none.
 */
function abbreviated(wanted: string, candidates: readonly string[]): string | undefined {
  if (wanted.length < 2) return undefined;
  const matches = candidates.filter((candidate) => abbreviates(wanted, candidate));
  if (matches.length === 1) return matches[0];
  const acronyms = matches.filter((candidate) => initials(candidate) === wanted);
  return acronyms.length === 1 ? acronyms[0] : undefined;
}
