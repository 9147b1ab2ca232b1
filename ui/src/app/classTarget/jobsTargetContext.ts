// The class the Jobs screen has selected. It lives above the screens so that
// Results can send the user to Jobs with a not-yet-downloaded class preselected.
import { createContext, useContext } from "react";
import type { ClassPick } from "../../shared/metadata/classPick";

/** The Jobs screen's class choice and a way to change it. */
export interface JobsTargetValue {
  target: ClassPick | null;
  setTarget: (pick: ClassPick) => void;
}

/** Context filled by `JobsTargetProvider`. */
export const JobsTargetContext = createContext<JobsTargetValue | null>(null);

/** The Jobs target; must be used inside `JobsTargetProvider`. */
export function useJobsTarget(): JobsTargetValue {
  const value = useContext(JobsTargetContext);
  if (!value) throw new Error("useJobsTarget must be used inside <JobsTargetProvider>");
  return value;
}
