// Loads and holds the current connection's metadata (see metadataContext).
// Replies for an older request or another connection are dropped.
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { metadataGet } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";
import { MetadataContext, type MetadataState } from "./metadataContext";

function idle(connectionId: string): MetadataState {
  return { connectionId, status: "idle", metadata: null, error: null };
}

/** Provides `useMetadata()` for the current connection. */
export function MetadataProvider({ children }: { children: ReactNode }) {
  const { current } = useCurrentConnection();
  const [stored, setStored] = useState<MetadataState>(() => idle(current.id));
  const latest = useRef(0);
  const state = stored.connectionId === current.id ? stored : idle(current.id);

  const load = useCallback(
    (refresh: boolean) => {
      const request = ++latest.current;
      const connectionId = current.id;
      setStored((prev) => ({
        connectionId,
        status: "loading",
        metadata: prev.connectionId === connectionId ? prev.metadata : null,
        error: null,
      }));
      metadataGet(connectionId, refresh).then(
        (metadata) => {
          if (latest.current === request) setStored({ connectionId, status: "ready", metadata, error: null });
        },
        (error: unknown) => {
          if (latest.current !== request) return;
          setStored((prev) => ({
            connectionId,
            status: "error",
            metadata: prev.connectionId === connectionId ? prev.metadata : null,
            error: toCommandError(error),
          }));
        },
      );
    },
    [current.id],
  );

  const value = useMemo(() => ({ state, load }), [state, load]);
  return <MetadataContext.Provider value={value}>{children}</MetadataContext.Provider>;
}
