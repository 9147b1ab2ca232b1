// Every Tauri command rejects with a `CommandError`, but `invoke` can also
// fail before reaching Rust (string, Error, anything). The UI only ever deals
// with the normalised `CommandError` shape so error display stays uniform.
import type { CommandError } from "../bindings/CommandError";
import type { ErrorCode } from "../bindings/ErrorCode";

/** Code used when a failure did not come from a Rust `CommandError`. */
export const INTERNAL_ERROR_CODE: ErrorCode = "internal";

/** True when `value` already has the `{ code, message }` shape with string fields. */
export function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === "string" && typeof candidate.message === "string";
}

/** Turns anything thrown by `invoke` (or our own code) into a `CommandError`. */
export function toCommandError(value: unknown): CommandError {
  if (isCommandError(value)) return { code: value.code, message: value.message };
  if (typeof value === "string") {
    return { code: INTERNAL_ERROR_CODE, message: value || "Unknown error" };
  }
  if (value instanceof Error) {
    return { code: INTERNAL_ERROR_CODE, message: value.message || value.name };
  }
  if (typeof value === "object" && value !== null) {
    const message = (value as Record<string, unknown>).message;
    if (typeof message === "string" && message) return { code: INTERNAL_ERROR_CODE, message };
  }
  let text: string;
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols.
    const json = JSON.stringify(value) as string | undefined;
    text = typeof json === "string" ? json : String(value);
  } catch {
    text = String(value);
  }
  return { code: INTERNAL_ERROR_CODE, message: `Unknown error: ${text}` };
}
