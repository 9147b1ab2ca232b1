// Holds the Jobs screen's class choice for the whole app (see jobsTargetContext).
import { useMemo, useState, type ReactNode } from "react";
import type { ClassPick } from "../../shared/metadata/classPick";
import { JobsTargetContext } from "./jobsTargetContext";

/** Provides `useJobsTarget()`; no class chosen at first (Property's first class). */
export function JobsTargetProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<ClassPick | null>(null);
  const value = useMemo(() => ({ target, setTarget }), [target]);
  return <JobsTargetContext.Provider value={value}>{children}</JobsTargetContext.Provider>;
}
