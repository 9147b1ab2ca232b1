// Turns query issues (UTF-16 offsets) into underline segments for the DMQL
// editor and into positions people can read ("line 1, characters 5–9").
import type { QueryIssue } from "../../bindings/QueryIssue";

/** A run of query text, marked when an issue covers it. */
export interface Segment {
  text: string;
  marked: boolean;
}

/** Splits `text` into marked/unmarked runs; overlapping and out-of-range issues are clamped. */
export function issueSegments(text: string, issues: readonly QueryIssue[]): Segment[] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const issue of issues) {
    const start = Math.max(0, Math.min(issue.start, text.length));
    // An empty range (e.g. "missing ')' at the end") still marks one character.
    const end = Math.max(start + 1, Math.min(issue.end, text.length));
    for (let i = start; i < Math.min(end, text.length); i++) covered[i] = true;
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const marked = covered[i] ?? false;
    const last = segments[segments.length - 1];
    if (last?.marked === marked) last.text += text.charAt(i);
    else segments.push({ text: text.charAt(i), marked });
  }
  return segments;
}

/** A readable position: "line 2, characters 4–9" (1-based, inclusive). */
export function describePosition(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const line = before.split("\n").length;
  const column = start - (before.lastIndexOf("\n") + 1) + 1;
  const last = column + Math.max(0, end - start - 1);
  const chars = last > column ? `characters ${column}–${last}` : `character ${column}`;
  return `line ${line}, ${chars}`;
}
