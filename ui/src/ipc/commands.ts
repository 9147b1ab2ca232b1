// Typed wrappers around the Rust commands, one function per command, so the
// rest of the UI never calls `invoke` with a raw string or untyped result.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { CommandError } from "../bindings/CommandError";
import type { ClassTarget } from "../bindings/ClassTarget";
import type { ConnectionInput } from "../bindings/ConnectionInput";
import type { ConnectionSummary } from "../bindings/ConnectionSummary";
import type { Diagnosis } from "../bindings/Diagnosis";
import type { ListingPhotosView } from "../bindings/ListingPhotosView";
import type { MetadataView } from "../bindings/MetadataView";
import type { PasswordStorage } from "../bindings/PasswordStorage";
import type { Preview } from "../bindings/Preview";
import type { QueryCheck } from "../bindings/QueryCheck";
import type { QueryRun } from "../bindings/QueryRun";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { ReplicaView } from "../bindings/ReplicaView";
import type { ReplicaPage } from "../bindings/ReplicaPage";
import type { SavedQueryInput } from "../bindings/SavedQueryInput";
import type { SavedQueryView } from "../bindings/SavedQueryView";
import type { SyncRun } from "../bindings/SyncRun";
import { toCommandError } from "./errors";

/** Code of the error returned when the page runs outside the desktop app. */
export const NO_BACKEND_CODE: ErrorCode = "no_backend";

/** True when the Tauri IPC bridge is present (inside the app, or mocked in tests). */
export function hasBackend(): boolean {
  const internals = (window as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

/** Invokes `command`; rejects with a normalised `CommandError` on failure. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!hasBackend()) {
    const error: CommandError = {
      code: NO_BACKEND_CODE,
      message: "The app backend is not available: this page is running outside the RETS Data Portal window.",
    };
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw error;
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    // The documented contract: commands reject with a plain CommandError object.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toCommandError(error);
  }
}

/** `app_info`: name, version, platform and folders of this installation. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** `cancel_task`: asks the backend to stop the running task `taskId`. */
export async function cancelTask(taskId: string): Promise<void> {
  await call<null>("cancel_task", { taskId });
}

/** `connections_list`: every connection, the built-in Demo MLS first. */
export function connectionsList(): Promise<ConnectionSummary[]> {
  return call<ConnectionSummary[]>("connections_list");
}

/** `connection_test`: runs the step-by-step diagnosis of connection `connectionId`. */
export function connectionTest(connectionId: string): Promise<Diagnosis> {
  return call<Diagnosis>("connection_test", { connectionId });
}

/** `metadata_get`: the connection's metadata; `refresh` bypasses the backend cache. */
export function metadataGet(connectionId: string, refresh: boolean): Promise<MetadataView> {
  return call<MetadataView>("metadata_get", { connectionId, refresh });
}

/** `query_check`: validates DMQL2 `query` against the class metadata. */
export function queryCheck(target: ClassTarget, query: string): Promise<QueryCheck> {
  return call<QueryCheck>("query_check", { target, query });
}

/** `query_count`: number of records matching `query` (nothing is downloaded). */
export function queryCount(target: ClassTarget, query: string): Promise<number> {
  return call<number>("query_count", { target, query });
}

/** `query_preview`: the first `limit` (1..1000) records with the `select`ed fields. */
export function queryPreview(target: ClassTarget, query: string, select: string[], limit: number): Promise<Preview> {
  return call<Preview>("query_preview", { target, query, select, limit });
}

/** `query_history_list`: the latest `limit` (1..500) counts and previews of a connection, newest first. */
export function queryHistoryList(connectionId: string, limit: number): Promise<QueryRun[]> {
  return call<QueryRun[]>("query_history_list", { connectionId, limit });
}

/** `query_history_clear`: deletes a connection's query history; resolves to the entries removed. */
export function queryHistoryClear(connectionId: string): Promise<number> {
  return call<number>("query_history_clear", { connectionId });
}

/** `saved_queries_list`: a connection's saved queries, by name. */
export function savedQueriesList(connectionId: string): Promise<SavedQueryView[]> {
  return call<SavedQueryView[]>("saved_queries_list", { connectionId });
}

/** `saved_query_save`: saves or renames a query; rejects with `name_taken` unless `input.overwrite`. */
export function savedQuerySave(connectionId: string, input: SavedQueryInput): Promise<SavedQueryView> {
  return call<SavedQueryView>("saved_query_save", { connectionId, input });
}

/** `saved_query_delete`: deletes saved query `id` of the connection. */
export async function savedQueryDelete(connectionId: string, id: number): Promise<void> {
  await call<null>("saved_query_delete", { connectionId, id });
}

/** `sync_history`: past and running syncs of a class, newest first. */
export function syncHistory(target: ClassTarget): Promise<SyncRun[]> {
  return call<SyncRun[]>("sync_history", { target });
}

/** `replica_query`: `limit` (1..5000) rows from `offset` of the replica of `target` as `view` shows it (`not_synced` until downloaded). */
export function replicaQuery(target: ClassTarget, view: ReplicaView, offset: number, limit: number): Promise<ReplicaPage> {
  return call<ReplicaPage>("replica_query", { target, view, offset, limit });
}

/** `listing_photos`: a listing's photos as data: URLs, from downloaded files or the server. */
export function listingPhotos(
  connectionId: string,
  resource: string,
  listingKey: string,
  first: number | null = null,
): Promise<ListingPhotosView> {
  return call<ListingPhotosView>("listing_photos", { connectionId, resource, listingKey, first });
}

/** `connection_save`: creates (`id` null) or changes a connection; passwords go to the keychain. */
export function connectionSave(input: ConnectionInput): Promise<ConnectionSummary> {
  return call<ConnectionSummary>("connection_save", { input });
}

/** `connection_delete`: removes a saved connection (the Demo MLS cannot be deleted). */
export async function connectionDelete(connectionId: string): Promise<void> {
  await call<null>("connection_delete", { connectionId });
}

/** `secrets_status`: where connection passwords are kept. */
export function secretsStatus(): Promise<PasswordStorage> {
  return call<PasswordStorage>("secrets_status");
}

/** `secrets_unlock`: unlocks the encrypted password file. */
export function secretsUnlock(passphrase: string): Promise<PasswordStorage> {
  return call<PasswordStorage>("secrets_unlock", { passphrase });
}

/** `secrets_use_file`: keeps passwords in an encrypted file under `passphrase` from now on. */
export function secretsUseFile(passphrase: string): Promise<PasswordStorage> {
  return call<PasswordStorage>("secrets_use_file", { passphrase });
}

/** `secrets_use_keychain`: moves passwords back to the system keychain. */
export function secretsUseKeychain(): Promise<PasswordStorage> {
  return call<PasswordStorage>("secrets_use_keychain");
}
