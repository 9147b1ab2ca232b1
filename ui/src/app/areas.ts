// The product areas shown in the left navigation. Only some exist in this
// version; the rest are listed (disabled) so the roadmap is visible.

/** Identifier of a product area. */
export type AreaId =
  | "home"
  | "connections"
  | "metadata"
  | "query"
  | "results"
  | "jobs"
  | "analytics"
  | "settings";

/** A navigation entry. */
export interface Area {
  id: AreaId;
  label: string;
  /** What the area is for, shown in its tooltip. */
  description: string;
  /** False for areas that arrive in a later version. */
  available: boolean;
}

/** All areas in navigation order; Ctrl/Cmd+1..8 follow this order. */
export const AREAS: readonly Area[] = [
  { id: "home", label: "Home", description: "Overview and getting started", available: true },
  { id: "connections", label: "Connections", description: "MLS servers and logins", available: true },
  { id: "metadata", label: "Metadata", description: "Resources, classes and fields", available: true },
  { id: "query", label: "Query", description: "Build DMQL2 searches", available: true },
  { id: "results", label: "Results", description: "Browse downloaded records", available: true },
  { id: "jobs", label: "Jobs", description: "Downloads and exports in progress", available: true },
  { id: "analytics", label: "Analytics", description: "Charts over downloaded data", available: false },
  { id: "settings", label: "Settings", description: "Appearance and diagnostics", available: true },
];

/** The area bound to shortcut digit `digit` (1-based), if any. */
export function areaForDigit(digit: number): Area | undefined {
  return AREAS[digit - 1];
}
