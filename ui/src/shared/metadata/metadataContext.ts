// Metadata of the current connection, shared by the Metadata browser and the
// Query screen so a Refresh in one is seen by the other. Loaded lazily on
// first use; the backend caches it, `refresh` asks the server again.
import { createContext, useContext, useEffect } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { MetadataView } from "../../bindings/MetadataView";

/** Load state of one connection's metadata; old metadata stays visible while refreshing. */
export interface MetadataState {
  connectionId: string;
  status: "idle" | "loading" | "ready" | "error";
  metadata: MetadataView | null;
  error: CommandError | null;
}

/** The state plus a loader (`refresh` bypasses the backend cache). */
export interface MetadataContextValue {
  state: MetadataState;
  load: (refresh: boolean) => void;
}

/** Context filled by `MetadataProvider`. */
export const MetadataContext = createContext<MetadataContextValue | null>(null);

/** The current connection's metadata, loading it on first use. */
export function useMetadata(): MetadataContextValue {
  const value = useContext(MetadataContext);
  if (!value) throw new Error("useMetadata must be used inside <MetadataProvider>");
  const { state, load } = value;
  useEffect(() => {
    if (state.status === "idle") load(false);
  }, [state.status, load]);
  return value;
}
