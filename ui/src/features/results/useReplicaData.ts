// Loads the replica for the Results grid page by page: the first page gives
// the columns and total (the grid's scroll height); later pages are fetched
// when the visible range needs them. A new sort or filter starts a new cache.
import { useCallback, useEffect, useRef, useState } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { ReplicaFilter } from "../../bindings/ReplicaFilter";
import { replicaQuery } from "../../ipc/commands";
import type { ClassTarget } from "../../bindings/ClassTarget";
import { toCommandError } from "../../ipc/errors";
import { PAGE_SIZE, PageCache, pagesForRange } from "./pageCache";

/** What the grid shows: the class, its filters and sort. */
export interface ReplicaView {
  target: ClassTarget;
  filters: ReplicaFilter[];
  sortField: string | null;
  descending: boolean;
}

/** The loaded state of one view. */
export type ReplicaState =
  | { status: "loading" }
  | { status: "ready"; columns: string[]; total: number }
  | { status: "error"; error: CommandError };

/** Data of the grid: state, cached rows and a way to ask for a row range. */
export interface ReplicaData {
  state: ReplicaState;
  cache: PageCache;
  /** Bumps whenever a page arrives, so rows re-render. */
  version: number;
  /** Fetches the pages rows `first..=last` need (no-op until the total is known). */
  ensureRange: (first: number, last: number) => void;
  /** Error of a later page fetch, if any (the grid keeps what it has). */
  pageError: CommandError | null;
  /** Loads the view again from scratch. */
  retry: () => void;
}

interface Store {
  key: string;
  view: ReplicaView;
  cache: PageCache;
}

/** The replica behind `view`. */
export function useReplicaData(view: ReplicaView): ReplicaData {
  const [attempt, setAttempt] = useState(0);
  const key = `${JSON.stringify(view)}#${String(attempt)}`;
  const [store, setStore] = useState<Store>(() => ({ key, view, cache: new PageCache() }));
  const [state, setState] = useState<ReplicaState>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const [pageError, setPageError] = useState<CommandError | null>(null);
  const live = useRef(store.key);

  // A new view: start over (state adjusted during render, as React recommends).
  if (store.key !== key) {
    setStore({ key, view, cache: new PageCache() });
    setState({ status: "loading" });
    setPageError(null);
  }

  const fetchPages = useCallback((target: Store, pages: number[]) => {
    const { cache, view: v } = target;
    for (const page of cache.claim(pages)) {
      replicaQuery(
        v.target,
        { filters: v.filters, sortField: v.sortField, descending: v.descending },
        page * PAGE_SIZE,
        PAGE_SIZE,
      ).then(
        (reply) => {
          if (live.current !== target.key) return;
          cache.put(page, { rows: reply.rows, keys: reply.keys });
          cache.total = reply.total;
          setState((prev) =>
            prev.status === "ready" && prev.total === reply.total && prev.columns.length === reply.columns.length
              ? prev
              : { status: "ready", columns: reply.columns, total: reply.total },
          );
          setPageError(null);
          setVersion((n) => n + 1);
        },
        (error: unknown) => {
          if (live.current !== target.key) return;
          cache.release(page);
          const normalised = toCommandError(error);
          if (cache.total === null) setState({ status: "error", error: normalised });
          else setPageError(normalised);
        },
      );
    }
  }, []);

  useEffect(() => {
    live.current = store.key;
    fetchPages(store, [0]);
  }, [store, fetchPages]);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      const total = store.cache.total;
      if (total === null) return;
      fetchPages(store, pagesForRange(first, last, total));
    },
    [store, fetchPages],
  );

  const retry = useCallback(() => { setAttempt((n) => n + 1); }, []);

  return { state, cache: store.cache, version, ensureRange, pageError, retry };
}
