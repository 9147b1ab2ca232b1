// Holds the latest intent for the screens (see intentContext).
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { IntentContext, type Intent, type IntentValue, type PendingIntent } from "./intentContext";

/** Provides `useIntent` / `useSendIntent`. */
export function IntentProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<PendingIntent | null>(null);
  const seq = useRef(0);
  const claimed = useRef(0);
  const send = useCallback((intent: Intent) => {
    seq.current += 1;
    setPending({ seq: seq.current, at: Date.now(), intent });
  }, []);
  const claim = useCallback((n: number) => {
    if (n <= claimed.current) return false;
    claimed.current = n;
    return true;
  }, []);
  const value = useMemo<IntentValue>(() => ({ pending, send, claim }), [pending, send, claim]);
  return <IntentContext.Provider value={value}>{children}</IntentContext.Provider>;
}
