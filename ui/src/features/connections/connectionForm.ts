// The connection form's values, validation and mapping to `ConnectionInput`,
// kept pure: empty password fields mean "keep the stored one" when editing.
import type { ConnectionInput } from "../../bindings/ConnectionInput";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import { findTemplate, RETS_VERSIONS, type RetsVersion } from "./vendorTemplates";

/** What the form edits. */
export interface ConnectionFormValues {
  id: string | null;
  name: string;
  loginUrl: string;
  username: string;
  password: string;
  userAgent: string;
  uaPassword: string;
  /** Editing: remove the stored UA password. */
  removeUaPassword: boolean;
  retsVersion: RetsVersion;
  usePost: boolean;
  vendorTemplate: string | null;
  /** Let the server send requests (and credentials) to other hosts or plain HTTP. */
  allowInsecure: boolean;
}

/** Field name → message, for the fields that are wrong. */
export type FormErrors = Partial<Record<"name" | "loginUrl" | "username" | "password" | "uaPassword", string>>;

/** A blank form for a new connection (generic RETS 1.7.2). */
export function emptyForm(): ConnectionFormValues {
  return {
    id: null,
    name: "",
    loginUrl: "",
    username: "",
    password: "",
    userAgent: "",
    uaPassword: "",
    removeUaPassword: false,
    retsVersion: "RETS/1.7.2",
    usePost: false,
    vendorTemplate: null,
    allowInsecure: false,
  };
}

/** The form for editing `connection`, with its stored settings (never its passwords). */
export function formFromSummary(connection: ConnectionSummary): ConnectionFormValues {
  const blank = emptyForm();
  const version = connection.retsVersion ?? "";
  return {
    ...blank,
    id: connection.id,
    name: connection.name,
    loginUrl: connection.loginUrl ?? "",
    username: connection.username ?? "",
    userAgent: connection.userAgent ?? "",
    retsVersion: isRetsVersion(version) ? version : blank.retsVersion,
    usePost: connection.usePost,
    vendorTemplate: connection.vendorTemplate,
    allowInsecure: connection.allowInsecure,
  };
}

/** `values` with the version, method and user agent of template `id` filled in. */
export function applyTemplate(values: ConnectionFormValues, id: string | null): ConnectionFormValues {
  const template = findTemplate(id);
  if (!template) return { ...values, vendorTemplate: null };
  return {
    ...values,
    vendorTemplate: template.id,
    retsVersion: template.retsVersion,
    usePost: template.usePost,
    userAgent: template.userAgent || values.userAgent,
  };
}

/** True when `value` is one of the offered RETS versions. */
export function isRetsVersion(value: string): value is RetsVersion {
  return (RETS_VERSIONS as readonly string[]).includes(value);
}

/** Messages for the fields that cannot be saved as they are. */
export function validate(values: ConnectionFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = "Give the connection a name.";
  const url = values.loginUrl.trim();
  if (!url) {
    errors.loginUrl = "Enter the login URL from your MLS's welcome letter.";
  } else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        errors.loginUrl = "The login URL must start with http:// or https://.";
      } else if (parsed.password && values.password && values.password !== decodeURIComponent(parsed.password)) {
        errors.loginUrl = "The URL holds a different password than the password field: remove it from the URL.";
      }
    } catch {
      errors.loginUrl = "This is not a URL, e.g. https://rets.example-mls.com/rets/login.";
    }
  }
  if (!values.username.trim()) errors.username = "Enter the RETS user name.";
  if (values.id === null && !values.password) errors.password = "Enter the RETS password.";
  if (values.uaPassword && !values.userAgent.trim()) {
    errors.uaPassword = "A UA password needs a user agent: fill in the user agent too.";
  }
  return errors;
}

/** The `connection_save` input; empty password fields keep the stored ones when editing. */
export function toConnectionInput(values: ConnectionFormValues): ConnectionInput {
  const editing = values.id !== null;
  let uaPassword: string | null = values.uaPassword || null;
  if (editing && values.removeUaPassword && !values.uaPassword) uaPassword = "";
  return {
    id: values.id,
    name: values.name.trim(),
    loginUrl: values.loginUrl.trim(),
    username: values.username.trim(),
    password: values.password ? values.password : null,
    userAgent: values.userAgent.trim(),
    uaPassword,
    retsVersion: values.retsVersion,
    usePost: values.usePost,
    vendorTemplate: values.vendorTemplate,
    allowInsecure: values.allowInsecure,
  };
}

/** True when `url` is plain HTTP: passwords and listings travel unencrypted. */
export function isUnencrypted(url: string): boolean {
  return /^\s*http:\/\//i.test(url);
}
