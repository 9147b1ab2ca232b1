// The *current connection* is the one Metadata and Query work on. It is
// app-level state chosen on the Connections screen; the Demo MLS by default.
import { createContext, useContext } from "react";

/** The connection Metadata and Query use. */
export interface CurrentConnection {
  id: string;
  name: string;
}

/** The built-in Demo MLS, current until the user picks another connection. */
export const DEMO_CONNECTION: CurrentConnection = { id: "demo", name: "Demo MLS" };

/** The current connection and a way to change it. */
export interface CurrentConnectionValue {
  current: CurrentConnection;
  setCurrent: (connection: CurrentConnection) => void;
}

/** Context filled by `CurrentConnectionProvider`. */
export const CurrentConnectionContext = createContext<CurrentConnectionValue | null>(null);

/** The current connection; must be used inside `CurrentConnectionProvider`. */
export function useCurrentConnection(): CurrentConnectionValue {
  const value = useContext(CurrentConnectionContext);
  if (!value) throw new Error("useCurrentConnection must be used inside <CurrentConnectionProvider>");
  return value;
}
