/** A line diff in unified format, for the lines `add` asks a user to change by hand. */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The edit script from `a` to `b` (longest common subsequence of lines). */
export function lineDiff(a: string[], b: string[]): Op[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] as string });
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ kind: '+', line: b[j++] as string });
    } else {
      ops.push({ kind: '-', line: a[i++] as string });
    }
  }
  return ops;
}

/** `a` → `b` as a unified diff with `context` lines around each change. */
export function unifiedDiff(a: string, b: string, from: string, to: string, context = 3): string {
  const ops = lineDiff(a.split('\n'), b.split('\n'));
  const changed = ops.map((op, k) => (op.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${from}`, `+++ ${to}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] as number) - context);
    let end = Math.min(ops.length, (changed[k] as number) + context + 1);
    while (k + 1 < changed.length && (changed[k + 1] as number) - context <= end) end = Math.min(ops.length, (changed[++k] as number) + context + 1);
    k++;
    const before = ops.slice(0, start);
    const hunk = ops.slice(start, end);
    const oldStart = before.filter((op) => op.kind !== '+').length + 1;
    const newStart = before.filter((op) => op.kind !== '-').length + 1;
    out.push(`@@ -${oldStart},${hunk.filter((op) => op.kind !== '+').length} +${newStart},${hunk.filter((op) => op.kind !== '-').length} @@`);
    out.push(...hunk.map((op) => `${op.kind}${op.line}`));
  }
  return `${out.join('\n')}\n`;
}

/** Whether `text` already has every line the change from `a` to `b` adds (a user made it by hand). */
export function hasAddedLines(text: string, a: string, b: string): boolean {
  const lines = new Set(text.split('\n'));
  return lineDiff(a.split('\n'), b.split('\n')).every((op) => op.kind !== '+' || op.line.trim() === '' || lines.has(op.line));
}
