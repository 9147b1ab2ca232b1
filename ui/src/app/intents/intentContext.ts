// Requests from the palette (or another screen) to a screen that may not be
// mounted yet: "save the query", "load this saved query", "start the download".
// The shell switches to the screen and sends the intent; the screen claims it
// once it is ready. Unclaimed intents expire, so a stale one never fires later.
import { createContext, useContext, useEffect, useRef } from "react";

/** A query to put into the Query screen's editor. */
export interface QueryToLoad {
  resource: string;
  class: string;
  query: string;
  select: string[];
  /** Where it comes from, for the announcement ("saved query “Cheap”"). */
  origin: string;
  /** The saved query it is, so saving again updates (or renames) that one. */
  saved?: { id: number; name: string };
}

/** What a screen is asked to do. */
export type Intent =
  | { type: "query.count" }
  | { type: "query.preview" }
  | { type: "query.save" }
  | { type: "query.panel" }
  | { type: "query.load"; query: QueryToLoad }
  | { type: "connections.new" }
  | { type: "connections.test" }
  | { type: "jobs.start" }
  | { type: "results.export" };

/** An intent in flight. */
export interface PendingIntent {
  seq: number;
  at: number;
  intent: Intent;
}

/** How long an unclaimed intent stays valid. */
export const INTENT_TTL_MS = 15_000;

/** What `IntentProvider` offers. */
export interface IntentValue {
  pending: PendingIntent | null;
  send: (intent: Intent) => void;
  /** True exactly once per intent: the caller now owns it. */
  claim: (seq: number) => boolean;
}

/** Context filled by `IntentProvider`. */
export const IntentContext = createContext<IntentValue | null>(null);

/** Sends intents; a no-op outside the provider (screens rendered alone in tests). */
export function useSendIntent(): (intent: Intent) => void {
  return useContext(IntentContext)?.send ?? noop;
}

function noop() {
  /* outside the shell there is no one to ask */
}

/**
 * Calls `handle` for each new intent of one of `types` once `ready` is true
 * (e.g. the screen's data is loaded).
 */
export function useIntent(types: readonly Intent["type"][], ready: boolean, handle: (intent: Intent) => void): void {
  const value = useContext(IntentContext);
  const handler = useRef(handle);
  useEffect(() => {
    handler.current = handle;
  });
  const pending = value?.pending;
  const claim = value?.claim;
  const wanted = types.join(" ");
  useEffect(() => {
    if (!pending || !claim || !ready) return;
    if (!wanted.split(" ").includes(pending.intent.type)) return;
    if (Date.now() - pending.at > INTENT_TTL_MS) return;
    if (claim(pending.seq)) handler.current(pending.intent);
  }, [pending, claim, ready, wanted]);
}
