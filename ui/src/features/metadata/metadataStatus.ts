// Words for the metadata status banner: when the copy shown was fetched, and
// what changed since the previous snapshot.
import type { MetadataStatus } from "../../bindings/MetadataStatus";

/** An RFC 3339 time as "Nov 27, 2026, 8:00 AM" (the text itself when unreadable). */
export function formatFetchedAt(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return date.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}

/** The banner's one-line message, or null when there is nothing to say. */
export function statusHeadline(status: MetadataStatus, version: string): string | null {
  if (status.source === "offline") {
    return `Offline — showing metadata cached on ${formatFetchedAt(status.fetchedAt)} (version ${version})`;
  }
  if (status.changes) {
    return `Metadata changed since ${formatFetchedAt(status.changes.previousFetchedAt)}: ${status.changes.summary}`;
  }
  return null;
}
