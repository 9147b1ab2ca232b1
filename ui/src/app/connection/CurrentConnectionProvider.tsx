// Holds the current connection for the whole app (see currentConnectionContext).
import { useMemo, useState, type ReactNode } from "react";
import { CurrentConnectionContext, DEMO_CONNECTION, type CurrentConnection } from "./currentConnectionContext";

/** Provides `useCurrentConnection()`; starts with `initial` or the Demo MLS. */
export function CurrentConnectionProvider({
  children,
  initial = DEMO_CONNECTION,
}: {
  children: ReactNode;
  initial?: CurrentConnection;
}) {
  const [current, setCurrent] = useState(initial);
  const value = useMemo(() => ({ current, setCurrent }), [current]);
  return <CurrentConnectionContext.Provider value={value}>{children}</CurrentConnectionContext.Provider>;
}
