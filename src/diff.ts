/**
 * Text merging for `add`: a three-way line merge (node-diff3, a diff3 after Khanna, Kunal and Pierce) of
 * the user's file with the file as generated and as the new interfaces render it, conflict markers, and
 * the unified diffs that `git apply` and `patch -p1` take. Loaded with add only.
 *
 * Lines keep their terminators, so a last line without a newline is a line like any other, and text
 * joins back byte for byte.
 */
import { diff3Merge, diffComm, diffIndices } from 'node-diff3';

/** `text` as lines, each with its `\n` (the last one without, if the text does not end with one). */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A change both sides made to the same lines: the user's (`ours`), the base's and the new rendering's (`theirs`). */
export interface MergeConflict {
  /** 0-based index of the first line in each text, and the lines. */
  ours: { start: number; lines: string[] };
  base: { start: number; lines: string[] };
  theirs: { start: number; lines: string[] };
}

type MergeChunk = { ok: string[] } | { conflict: MergeConflict };

/** One side's change, against the base: lines `[start, end)` of the base become `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

const hunksOf = (base: string[], side: string[]): Hunk[] =>
  diffIndices(base, side).map((h) => ({ start: h.buffer1[0], end: h.buffer1[0] + h.buffer1[1], lines: h.buffer2Content }));

const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((line, k) => line === y[k]);

/** Where `part` sits in `whole` as a contiguous block, or -1. */
function blockAt(whole: readonly string[], part: readonly string[]): number {
  for (let k = 0; k + part.length <= whole.length; k++) if (same(whole.slice(k, k + part.length), part)) return k;
  return -1;
}

const startsWith = (whole: readonly string[], part: readonly string[]): boolean => part.length > 0 && same(whole.slice(0, part.length), part);
const endsWith = (whole: readonly string[], part: readonly string[]): boolean =>
  part.length > 0 && part.length <= whole.length && same(whole.slice(whole.length - part.length), part);

/** Whether two changes of the base touch the same lines (changes on adjacent lines do not). */
function overlap(x: Hunk, y: Hunk): boolean {
  const xEmpty = x.start === x.end;
  const yEmpty = y.start === y.end;
  if (xEmpty && yEmpty) return x.start === y.start; // two insertions at one place: which goes first is unknown
  if (xEmpty) return y.start < x.start && x.start < y.end;
  if (yEmpty) return x.start < y.start && y.start < x.end;
  return x.start < y.end && y.start < x.end;
}

/**
 * A region diff3 reports as a conflict, merged anyway when it can be without guessing:
 * - changes on adjacent lines: diff3 (and git) stop there, but the generated files grow by inserting
 *   right after lines a user is invited to change (`dev.address` is the last line of `dev:`), and which
 *   goes first is never in doubt: an insertion at the edge of the other side's change stays outside it;
 * - a change whose new lines the other side already has (a user who made add's change by hand, or applied
 *   the patch add printed): the side that has them wins;
 * - an insertion that repeats the lines the other side's adjacent change ends or starts with: the same.
 * Anything else stays a conflict: both sides changed the same lines differently.
 */
function resolveRegion(base: string[], ours: string[], theirs: string[]): string[] | undefined {
  const mine = hunksOf(base, ours);
  const new_ = hunksOf(base, theirs);
  const dropped = new Set<Hunk>();
  for (const x of mine) {
    for (const y of new_) {
      if (dropped.has(x) || dropped.has(y)) continue;
      if (x.start === y.start && x.end === y.end && same(x.lines, y.lines)) {
        dropped.add(y);
      } else if (overlap(x, y)) {
        if (y.start >= x.start && y.end <= x.end && y.lines.length > 0 && blockAt(x.lines, y.lines) >= 0) dropped.add(y);
        else if (x.start >= y.start && x.end <= y.end && x.lines.length > 0 && blockAt(y.lines, x.lines) >= 0) dropped.add(x);
        else return undefined;
      } else if (y.start === y.end && (y.start === x.end ? endsWith(x.lines, y.lines) : y.start === x.start && startsWith(x.lines, y.lines))) {
        dropped.add(y);
      } else if (x.start === x.end && (x.start === y.end ? endsWith(y.lines, x.lines) : x.start === y.start && startsWith(y.lines, x.lines))) {
        dropped.add(x);
      }
    }
  }
  // Insertions before the change that starts where they do; otherwise in the order of the base.
  const kept = [...mine, ...new_].filter((h) => !dropped.has(h)).sort((p, q) => p.start - q.start || p.end - p.start - (q.end - q.start));
  const out: string[] = [];
  let at = 0;
  for (const h of kept) {
    out.push(...base.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  out.push(...base.slice(at));
  return out;
}

/**
 * `ours` and `theirs`, both derived from `base`, merged line by line: what only one side changed is taken
 * from it, what both changed the same way once, and what both changed differently is a conflict.
 */
export function merge3(ours: string, base: string, theirs: string): MergeChunk[] {
  const chunks: MergeChunk[] = [];
  const ok = (lines: string[]): void => {
    const last = chunks[chunks.length - 1];
    if (last && 'ok' in last) last.ok.push(...lines);
    else chunks.push({ ok: [...lines] });
  };
  for (const region of diff3Merge(splitLines(ours), splitLines(base), splitLines(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      ok(region.ok);
    } else if (region.conflict) {
      const { a, aIndex, o, oIndex, b, bIndex } = region.conflict;
      const resolved = resolveRegion(o, a, b);
      if (resolved) ok(resolved);
      else chunks.push({ conflict: { ours: { start: aIndex, lines: a }, base: { start: oIndex, lines: o }, theirs: { start: bIndex, lines: b } } });
    }
  }
  return chunks;
}

export const conflictsOf = (chunks: MergeChunk[]): MergeConflict[] => chunks.flatMap((c) => ('conflict' in c ? [c.conflict] : []));

/**
 * What `add` proposes for a conflict: where both sides only inserted lines at one place, the user's lines
 * and then the new ones; where both changed the same lines, the new ones (the patch shows the user's lines
 * it replaces, to carry over by hand).
 */
export function proposal(conflict: MergeConflict): string[] {
  return conflict.base.lines.length === 0 ? [...conflict.ours.lines, ...conflict.theirs.lines] : conflict.theirs.lines;
}

/** The merged text, each conflict as `resolve` has it. */
export function mergedText(chunks: MergeChunk[], resolve: (conflict: MergeConflict) => string[] = proposal): string {
  return chunks.map((c) => ('ok' in c ? c.ok : resolve(c.conflict)).join('')).join('');
}

/** A conflict between git-style markers, as editors' merge tools read them (diff3 style, with the base). */
export function withMarkers(labels: { ours: string; base: string; theirs: string }): (conflict: MergeConflict) => string[] {
  const terminated = (lines: string[]): string[] => lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`));
  return (c) => [
    `<<<<<<< ${labels.ours}\n`,
    ...terminated(c.ours.lines),
    `||||||| ${labels.base}\n`,
    ...terminated(c.base.lines),
    '=======\n',
    ...terminated(c.theirs.lines),
    `>>>>>>> ${labels.theirs}\n`,
  ];
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The edit script from `a` to `b`, lines with terminators. */
function lineOps(a: string[], b: string[]): Op[] {
  return diffComm(a, b).flatMap((part): Op[] =>
    part.common
      ? part.common.map((line) => ({ kind: ' ', line }))
      : [...part.buffer1.map((line): Op => ({ kind: '-', line })), ...part.buffer2.map((line): Op => ({ kind: '+', line }))],
  );
}

/** A hunk header's range: the first line and the count (for no lines, the line before them). */
function range(first: number, count: number): string {
  return `${count === 0 ? first - 1 : first},${count}`;
}

/**
 * `before` → `after` of the file at `path` (relative, with `/`) as a unified diff with `a/` and `b/`
 * prefixes, as `git apply` and `patch -p1` take it from the project's root: exact hunk counts, and
 * `\ No newline at end of file` after a last line without one. Empty when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  const ops = lineOps(splitLines(before), splitLines(after));
  const changed = ops.flatMap((op, k) => (op.kind === ' ' ? [] : [k]));
  if (changed.length === 0) return '';
  const out = [`--- a/${path}\n`, `+++ b/${path}\n`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] as number) - context);
    let end = Math.min(ops.length, (changed[k] as number) + context + 1);
    while (k + 1 < changed.length && (changed[k + 1] as number) - context <= end) end = Math.min(ops.length, (changed[++k] as number) + context + 1);
    k++;
    const before = ops.slice(0, start);
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(
      `@@ -${range(before.filter((op) => op.kind !== '+').length + 1, oldCount)} +${range(before.filter((op) => op.kind !== '-').length + 1, newCount)} @@\n`,
    );
    for (const op of hunk) out.push(`${op.kind}${op.line}${op.line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n'}`);
  }
  return out.join('');
}
