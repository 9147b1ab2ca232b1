// Starting points for the connection form: the RETS version, method and
// user-agent hints most servers of a vendor expect. They are sensible
// defaults, not guarantees: each MLS's welcome letter has the real values.

/** RETS versions the form offers, as sent in the RETS-Version header. */
export const RETS_VERSIONS = ["RETS/1.5", "RETS/1.7", "RETS/1.7.2", "RETS/1.8"] as const;

/** One of `RETS_VERSIONS`. */
export type RetsVersion = (typeof RETS_VERSIONS)[number];

/** Defaults for one vendor's RETS servers. */
export interface VendorTemplate {
  /** Stable id, stored with the connection (`vendorTemplate`). */
  id: string;
  label: string;
  retsVersion: RetsVersion;
  usePost: boolean;
  /** Suggested user agent; empty means the app's own. */
  userAgent: string;
  /** Whether these servers usually demand a user-agent password. */
  needsUaPassword: boolean;
  /** What to check for this vendor. */
  hint: string;
}

/** All templates, vendors first, then the generic ones. */
export const VENDOR_TEMPLATES: readonly VendorTemplate[] = [
  {
    id: "corelogic-matrix",
    label: "CoreLogic Matrix",
    retsVersion: "RETS/1.7.2",
    usePost: false,
    userAgent: "",
    needsUaPassword: false,
    hint: "Matrix servers usually accept any user agent; the login URL ends in /rets/login.ashx.",
  },
  {
    id: "flexmls",
    label: "FlexMLS",
    retsVersion: "RETS/1.7.2",
    usePost: false,
    userAgent: "",
    needsUaPassword: true,
    hint: "FlexMLS issues a user agent and UA password with the RETS credentials: enter both.",
  },
  {
    id: "rapattoni",
    label: "Rapattoni",
    retsVersion: "RETS/1.7.2",
    usePost: true,
    userAgent: "",
    needsUaPassword: true,
    hint: "Rapattoni servers usually require user-agent authentication and work best with POST.",
  },
  {
    id: "paragon",
    label: "Paragon",
    retsVersion: "RETS/1.7.2",
    usePost: false,
    userAgent: "",
    needsUaPassword: false,
    hint: "Paragon login URLs usually end in /rets/fnisrets.aspx/<MLS>/login.",
  },
  {
    id: "interealty",
    label: "Interealty",
    retsVersion: "RETS/1.5",
    usePost: true,
    userAgent: "",
    needsUaPassword: true,
    hint: "Interealty servers speak RETS 1.5 and often require a registered user agent.",
  },
  {
    id: "generic-1.5",
    label: "Generic RETS 1.5",
    retsVersion: "RETS/1.5",
    usePost: false,
    userAgent: "",
    needsUaPassword: false,
    hint: "Plain RETS 1.5 over GET.",
  },
  {
    id: "generic-1.7.2",
    label: "Generic RETS 1.7.2",
    retsVersion: "RETS/1.7.2",
    usePost: false,
    userAgent: "",
    needsUaPassword: false,
    hint: "Plain RETS 1.7.2 over GET, the most common setup.",
  },
  {
    id: "generic-1.8",
    label: "Generic RETS 1.8",
    retsVersion: "RETS/1.8",
    usePost: false,
    userAgent: "",
    needsUaPassword: false,
    hint: "Plain RETS 1.8 over GET.",
  },
];

/** The template with id `id`, if any. */
export function findTemplate(id: string | null): VendorTemplate | undefined {
  return VENDOR_TEMPLATES.find((t) => t.id === id);
}
