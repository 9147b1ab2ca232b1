// What the browser test (browser-test.mjs) and the UI benchmark (bench.mjs)
// share: the built UI served by `vite preview` under the app's CSP, Debian's
// Chromium driven by playwright-core, and a fake Tauri IPC bridge with canned
// replies (installed with `page.addInitScript(fakeTauri, options)`).
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";

/** The ui/ folder. */
export const uiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The built UI that is served. */
export const distDir = join(uiDir, "dist");
export const CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:";
export const APP_INFO = {
  name: "RETS Data Portal",
  version: "0.3.1",
  identifier: "dev.retsdataportal.app",
  tauriVersion: "2.9.0",
  os: "linux",
  arch: "x86_64",
  dataDir: "/home/ana/.local/share/dev.retsdataportal.app",
  logDir: "/home/ana/.local/share/dev.retsdataportal.app/logs",
};
// Shared with the Vitest component tests: Property (Residential, Condo, Land) and Agent.
export const METADATA = JSON.parse(readFileSync(join(uiDir, "src/test/fixtures/demo-metadata.json"), "utf8"));
/** Status of metadata fetched from the server just now, nothing changed. */
export const ONLINE_STATUS = { source: "online", fetchedAt: "2026-11-27T08:00:00.000Z", offlineCode: null, offlineReason: null, changes: null };
METADATA.status = ONLINE_STATUS;
/** The stored copy, shown because the server could not be reached. */
export const OFFLINE_STATUS = {
  source: "offline",
  fetchedAt: "2026-11-20T09:30:00.000Z",
  offlineCode: "http",
  offlineReason: "HTTP request to https://rets.example-mls.com/rets/login failed: connection refused",
  changes: null,
};
/** Fetched from the server, changed since the previous snapshot. */
export const CHANGED_STATUS = {
  source: "online",
  fetchedAt: "2026-11-27T08:00:00.000Z",
  offlineCode: null,
  offlineReason: null,
  changes: {
    previousVersion: "1.12.29",
    previousFetchedAt: "2026-11-20T09:30:00.000Z",
    summary: "1 class removed, 1 field added, 1 lookup value changed",
    total: 3,
    items: [
      { kind: "added", item: "field", path: "Property/Residential/POOL_YN", detail: "Boolean" },
      { kind: "removed", item: "class", path: "Property/Retired", detail: "" },
      { kind: "changed", item: "lookup value", path: "Property/lookup:STATUS/P", detail: '"Pending" → "Under Contract"' },
    ],
  },
};
export const CONNECTIONS = [
  { id: "demo", name: "Demo MLS", kind: "demo", loginUrl: "http://127.0.0.1:6103/rets/login", username: "demo", userAgent: null, retsVersion: null, usePost: false, vendorTemplate: null, allowInsecure: false, unencrypted: false, shared: null },
  { id: "coastal", name: "Coastal MLS", kind: "rets", loginUrl: "https://rets.example-mls.com/rets/login", username: "ana.broker", userAgent: "CoastalPortal/1.0", retsVersion: "RETS/1.8", usePost: true, vendorTemplate: null, allowInsecure: false, unencrypted: false, shared: null },
];
export const COUNT = 1234;

/** Installed before the app loads: a minimal `__TAURI_INTERNALS__` with canned replies. */
export function fakeTauri({ appInfo, failFirst, failMetadataFirst, metadata, metadataStatuses, connections, count, replicaTotal = 1000000, latencyScale = 1 }) {
  let calls = 0;
  let metadataCalls = 0;
  // Canned replies arrive after a made-up latency (times `latencyScale`; the benchmark uses 0).
  const delay = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms * latencyScale));
  const residential = metadata.resources[0].classes[0];
  const known = new Set(residential.fields.map((f) => f.systemName));
  const sample = {
    LIST_KEY: (i) => `L${1000 + i}`,
    LIST_ID: (i) => `DM${24000 + i}`,
    STATUS: (i) => ["A", "P", "S", "A"][i % 4],
    LIST_PRICE: (i) => String(300000 + i * 12500),
    CITY: (i) => ["PSP", "PD", "IND", "LQ", "CC"][i % 5],
    BEDS: (i) => String(2 + (i % 4)),
    BATHS: (i) => String(1 + (i % 3)),
    SQFT: (i) => String(1200 + i * 37),
    LIST_DATE: (i) => `2026-0${1 + (i % 9)}-1${i % 10}`,
    PROP_TYPE: (i) => ["SFR", "CND", "TWN"][i % 3],
    FEATURES: (i) => ["FP,WIC", "VC", "", "FP,WB,VC"][i % 4],
  };
  // Where passwords are kept (Settings → Passwords); "Locked" connections need the file.
  const passwords = { backend: "keychain", unlocked: true, vaultPath: `${appInfo.dataDir}/secrets.vault`, minPassphraseChars: 8 };
  // Channels: the app registers callbacks through transformCallback; jobs call them.
  const callbacks = new Map();
  let nextCallback = 1;
  const channelSender = (channel) => {
    let index = 0;
    return (message) => callbacks.get(channel.id)?.({ index: index++, message });
  };
  const synced = new Set(["Residential"]);
  const history = { Residential: [{ id: 1, kind: "full", status: "completed", startedAt: "2026-11-20T09:00:00Z", finishedAt: "2026-11-20T09:04:10Z", records: 1000000, error: null }] };
  const running = new Map();
  let nextJob = 1;
  // Query history and saved queries, kept like the backend does: every count
  // and preview is recorded (an identical repeat refreshes the newest entry).
  const queryRuns = [];
  const savedQueries = [];
  let nextRun = 1;
  let nextSaved = 1;
  const recordRun = (kind, { target: { resource, class: cls }, query, select = [] }, records, startedAt, durationMs) => {
    const newest = queryRuns[0];
    if (newest && newest.kind === kind && newest.class === cls && newest.query === query && newest.select.join() === select.join()) {
      Object.assign(newest, { startedAt, durationMs, records });
      return;
    }
    queryRuns.unshift({ id: nextRun++, kind, resource, class: cls, query, select, startedAt, durationMs, records, status: "ok", error: null });
  };
  const timed = (kind, args, ms, value, records) => {
    const started = Date.now();
    return delay(ms, value).then((result) => {
      recordRun(kind, args, records(result), new Date(started).toISOString(), Date.now() - started);
      return result;
    });
  };
  const replicaColumns = residential.fields.map((f) => f.systemName);
  window.__replicaOffsets = [];
  // The team: signed out until the tests sign in (any password but "wrong").
  const team = {
    status: { signedIn: false, server: null, email: null, role: null, teamName: null, limits: null, fingerprint: null, syncedAt: null, conflicts: 0 },
    members: [
      { id: 1, email: "ana@example.com", role: "admin", disabled: false },
      { id: 2, email: "bo@example.com", role: "basic", disabled: false },
    ],
    limits: [
      { role: "admin", rowsPerQuery: null, queriesPerDay: null, classes: [] },
      { role: "power", rowsPerQuery: 100000, queriesPerDay: 2000, classes: [] },
      { role: "basic", rowsPerQuery: 10000, queriesPerDay: 200, classes: [] },
    ],
    granted: new Set([1]),
    shared: false,
    queries: [],
  };
  const signedIn = (server, email, teamName) => {
    team.status = {
      signedIn: true, server, email, role: "admin", teamName, limits: team.limits[0],
      fingerprint: "3f2a 91c0 7be4 05d1", syncedAt: "2026-12-06T09:00:00.000Z", conflicts: 0,
    };
    return delay(120, { ...team.status });
  };
  const access = (connectionId) => ({
    connectionId, sharedId: team.shared ? 7 : null, keyVersion: team.shared ? 1 : null,
    members: team.members.map((m) => ({ userId: m.id, email: m.email, fingerprint: m.id === 1 ? "3f2a 91c0 7be4 05d1" : "9b1c 22d0 aa31 7e45", hasAccess: team.shared && team.granted.has(m.id) })),
  });
  const handlers = {
    sync_start: ({ onEvent, target: { class: cls }, query }) => {
      const send = channelSender(onEvent);
      const taskId = `job-${nextJob++}`;
      const total = cls === "Land" ? 1200 : 7500;
      const steps = cls === "Land" ? 4 : 40;
      const runs = (history[cls] ??= []);
      const run = { id: 100 + nextJob, kind: runs.length ? "incremental" : "full", status: "running", startedAt: "2026-11-27T08:00:00Z", finishedAt: null, records: 0, error: null };
      runs.unshift(run);
      return new Promise((resolve) => {
        let step = 0;
        send({ kind: "started", taskId });
        const end = (event, status) => {
          clearInterval(timer);
          running.delete(taskId);
          Object.assign(run, { status, finishedAt: "2026-11-27T08:00:09Z" });
          send(event);
          resolve(null);
        };
        const timer = setInterval(() => {
          step += 1;
          const done = Math.round((total * step) / steps);
          run.records = done;
          if (step < steps) {
            send({ kind: "progress", phase: "download", done, total, message: `Fetch: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} records, 850/s, 2.1 MB, about ${steps - step}s left` });
          } else {
            synced.add(cls);
            end({ kind: "finished", summary: `Downloaded ${total.toLocaleString("en-US")} records of Property/${cls}${query ? ` matching ${query}` : ""} in 1.2 s.`, warnings: [], notes: ["Metadata changed since the last sync:", "field POOL_YN added."] }, "completed");
          }
        }, 250);
        running.set(taskId, () => end({ kind: "cancelled" }, "cancelled"));
      });
    },
    cancel_task: ({ taskId }) => {
      running.get(taskId)?.();
      return null;
    },
    "plugin:opener|reveal_item_in_dir": ({ paths }) => {
      window.__revealed = paths;
      return null;
    },
    "plugin:dialog|save": ({ options }) => delay(30, options.defaultPath ? "/home/ana/Documents/picked" : null),
    "plugin:dialog|open": () => delay(30, "/home/ana/Documents/wish.xlsx"),
    // Spreadsheet import: a two-sheet workbook; a path containing "missing" does not exist.
    import_preview: ({ path }) => {
      if (path.includes("missing")) {
        return delay(30).then(() => Promise.reject({ code: "file_missing", message: `${path} does not exist or is not a file; check the path.` }));
      }
      return delay(40, {
        fileName: path.split("/").pop(),
        sheets: [
          { name: "Wish list", rowCount: 5, columns: ["A", "B", "C"], firstRows: [
            { row: 1, cells: ["Client", "MLS #", "Street"] },
            { row: 2, cells: ["Ann", "L1", "1 Main St"] },
            { row: 3, cells: ["Ann", "L2", "2 Main St"] },
            { row: 4, cells: ["Bob", "L3", "3 Main St"] },
            { row: 5, cells: ["Cy", "X9", "9 Nowhere Rd"] },
          ] },
          { name: "Notes", rowCount: 1, columns: ["A"], firstRows: [{ row: 1, cells: ["From the broker"] }] },
        ],
      });
    },
    import_keys: ({ path, mapping }) => {
      (window.__imports ??= []).push(mapping);
      const addresses = mapping.keyColumn === null;
      return delay(60, {
        fileName: path.split("/").pop(),
        mode: addresses ? "addresses" : "keys",
        keys: ["L1", "L2", "L3"],
        imported: 4,
        found: 3,
        addressField: addresses ? "ADDRESS" : null,
        problems: [{ sheet: "Wish list", row: 5, column: addresses ? "C" : "B", message: addresses ? 'no downloaded listing has the address "9 Nowhere Rd"' : 'listing key "X9" is not in the downloaded listings' }],
        moreProblems: 0,
      });
    },
    export_default_path: ({ class: cls, format }) =>
      delay(30, { folder: "/home/ana/Downloads", fileName: `${cls}-2026-11-27.${format}`, path: `/home/ana/Downloads/${cls}-2026-11-27.${format}` }),
    // Exports: rows in steps, then the finishing phase; a path under /readonly/ fails like a folder without write access.
    export_start: (args) => {
      const { onEvent, path, settings } = args;
      (window.__exports ??= []).push(args);
      const send = channelSender(onEvent);
      const taskId = `job-${nextJob++}`;
      const total = replicaTotal;
      return new Promise((resolve, reject) => {
        send({ kind: "started", taskId });
        if (path.includes("/readonly/")) {
          const error = { code: "folder_not_writable", message: `${path}: create temporary file: Permission denied (os error 13). Choose a folder you can write to, such as Downloads or Documents.` };
          send({ kind: "failed", error });
          reject(error);
          return;
        }
        let step = 0;
        const timer = setInterval(() => {
          step += 1;
          if (step <= 4) {
            const done = Math.round((total * step) / 5);
            send({ kind: "progress", phase: "write", done, total, message: `Writing rows: ${done} of ${total}, 41000 rows/s` });
          } else if (step <= 8) {
            send({ kind: "progress", phase: "finish", done: total, total, message: `Finishing the file: ${(step - 4) * 3.1} MB written` });
          } else {
            clearInterval(timer);
            running.delete(taskId);
            const warnings = settings.format === "xlsx" ? ['column "REMARKS": 2 value(s) longer than Excel\'s 32767-character cell limit were truncated'] : [];
            send({ kind: "finished", summary: `Wrote ${total} rows (12.4 MB) to ${path}.`, warnings, notes: [] });
            resolve(null);
          }
        }, 200);
        running.set(taskId, () => {
          clearInterval(timer);
          running.delete(taskId);
          send({ kind: "cancelled" });
          resolve(null);
        });
      });
    },
    sync_history: ({ target: { class: cls } }) => delay(60, (history[cls] ?? []).map((r) => ({ ...r }))),
    replica_query: ({ target: { class: cls }, view: { filters, sortField, descending }, offset, limit }) => {
      if (!synced.has(cls)) {
        return delay(50).then(() => Promise.reject({ code: "not_synced", message: `Property/${cls} has not been downloaded yet.` }));
      }
      window.__replicaOffsets.push(offset);
      const keyList = filters.find((f) => f.op === "in");
      const total = keyList ? keyList.value.length : filters.length ? 4321 : replicaTotal;
      const count = Math.max(0, Math.min(limit, total - offset));
      const rows = Array.from({ length: count }, (_, i) => {
        const n = sortField && descending ? total - 1 - (offset + i) : offset + i;
        return replicaColumns.map((c) =>
          c === "LIST_KEY" ? `L${n}` : c === "LIST_PRICE" ? 300000 + n : c === "POOL_YN" ? n % 2 === 0 : sample[c] ? sample[c](n) : `${c}-${n}`,
        );
      });
      return delay(40, { columns: replicaColumns, rows, keys: rows.map((r) => r[0]), total });
    },
    // Photos of listing L<n>: n % 4 photos (none for multiples of 4); keys ending in 7 fail.
    listing_photos: ({ listingKey }) => {
      const n = Number(listingKey.slice(1));
      if (n % 10 === 7) {
        return delay(60).then(() => Promise.reject({ code: "http", message: "HTTP request to http://127.0.0.1:6103/rets/getobject failed: connection reset" }));
      }
      const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
      const photos = Array.from({ length: n % 4 }, (_, i) => ({
        objectId: i + 1,
        contentType: "image/png",
        description: i === 0 ? "Front of the house" : null,
        size: 68,
        dataUrl: png,
      }));
      return delay(80, { source: n % 2 ? "server" : "local", photos, skipped: 0, next: null });
    },
    connections_list: () => delay(40, connections),
    secrets_status: () => delay(30, { ...passwords }),
    team_status: () => delay(30, { ...team.status }),
    team_sign_in: ({ server, email, password }) =>
      password === "wrong"
        ? delay(60).then(() => Promise.reject({ code: "team_invalid_credentials", message: "Wrong email or password." }))
        : signedIn(server, email, "Ana Realty"),
    team_sign_up: ({ server, email, teamName }) => signedIn(server, email, teamName),
    team_sign_out: () => {
      team.status = { ...team.status, signedIn: false, role: null, teamName: null, limits: null, fingerprint: null };
      return delay(60, { ...team.status });
    },
    team_sync: () => delay(120, { connections: team.shared ? 1 : 0, locked: [], removed: 0, items: 0, pushed: 0, conflicts: 0 }),
    team_connection_access: ({ connectionId }) => delay(60, access(connectionId)),
    team_share: ({ connectionId, userIds }) => {
      team.shared = true;
      team.granted = new Set([1, ...userIds]);
      return delay(120, access(connectionId));
    },
    team_unshare: () => {
      team.shared = false;
      return delay(60, null);
    },
    team_items: ({ kind }) =>
      team.status.signedIn
        ? delay(30, kind === "savedQuery" ? team.queries.map((q) => ({ ...q })) : [])
        : delay(30).then(() => Promise.reject({ code: "team_signed_out", message: "Not signed in to a team." })),
    team_item_save: ({ kind, localId, name, body }) => {
      const item = { localId: localId ?? team.queries.length + 1, kind, name, body, state: "created", theirsName: null, theirsBody: null };
      if (kind === "savedQuery") team.queries.push(item);
      return delay(30, item);
    },
    team_item_delete: () => delay(30, null),
    team_item_resolve: () => delay(30).then(() => Promise.reject({ code: "invalid_argument", message: "This item has no conflict." })),
    team_members: () => delay(40, team.members.map((m) => ({ ...m }))),
    team_member_add: ({ email, role }) => {
      const member = { id: team.members.length + 1, email, role, disabled: false };
      team.members.push(member);
      return delay(60, member);
    },
    team_member_change: ({ id, change }) => {
      const m = team.members.find((x) => x.id === id);
      if (change.role !== null) m.role = change.role;
      if (change.disabled !== null) m.disabled = change.disabled;
      return delay(60, { ...m });
    },
    team_member_remove: ({ id }) => {
      team.members = team.members.filter((m) => m.id !== id);
      return delay(60, null);
    },
    team_role_limits: () => delay(40, team.limits.map((l) => ({ ...l }))),
    team_role_limits_set: ({ limits }) => {
      team.limits = team.limits.map((l) => (l.role === limits.role ? { ...limits } : l));
      return delay(60, { ...limits });
    },
    secrets_use_file: ({ passphrase }) => {
      if ([...passphrase].length < 8) {
        return delay(30).then(() => Promise.reject({ code: "invalid_argument", message: "the passphrase must have at least 8 characters" }));
      }
      Object.assign(passwords, { backend: "encryptedFile", unlocked: true });
      return delay(120, { ...passwords });
    },
    secrets_unlock: ({ passphrase }) => {
      if (passphrase !== "correct horse") {
        return delay(60).then(() => Promise.reject({ code: "wrong_passphrase", message: "wrong passphrase for the encrypted secrets file (or the file is damaged)" }));
      }
      passwords.unlocked = true;
      return delay(120, { ...passwords });
    },
    secrets_use_keychain: () => {
      Object.assign(passwords, { backend: "keychain", unlocked: true });
      return delay(120, { ...passwords });
    },
    connection_save: ({ input }) => {
      if (input.name === "Locked" && passwords.backend === "keychain") {
        return delay(80).then(() => Promise.reject({ code: "keychain_unavailable", message: "The system keychain is locked." }));
      }
      const summary = { id: input.id ?? `c${connections.length + 1}`, name: input.name, kind: "rets", loginUrl: input.loginUrl, username: input.username, userAgent: input.userAgent || null, retsVersion: input.retsVersion || null, usePost: input.usePost, vendorTemplate: input.vendorTemplate, allowInsecure: input.allowInsecure, unencrypted: /^\s*http:\/\//i.test(input.loginUrl), shared: null };
      const at = connections.findIndex((c) => c.id === summary.id);
      if (at >= 0) connections[at] = summary;
      else connections.push(summary);
      return delay(80, summary);
    },
    connection_delete: ({ connectionId }) => {
      if (connectionId === "demo") return Promise.reject({ code: "invalid_argument", message: "The Demo MLS cannot be deleted." });
      connections.splice(connections.findIndex((c) => c.id === connectionId), 1);
      return delay(60, null);
    },
    connection_test: () =>
      delay(400, {
        steps: [
          { title: "Reach the server", status: "ok", detail: "127.0.0.1:6103 answered in 4 ms.", hint: null },
          { title: "Log in", status: "ok", detail: "Logged in as demo (RETS/1.7.2).", hint: null },
          {
            title: "Capabilities",
            status: "warning",
            detail: "The server does not offer GetObject.",
            hint: "Photos cannot be downloaded from this server.",
          },
          { title: "Metadata", status: "ok", detail: "4 resources, 8 classes, 142 fields.", hint: null },
          { title: "Log out", status: "ok", detail: "Session closed.", hint: null },
        ],
      }),
    metadata_get: () => {
      metadataCalls += 1;
      if (failMetadataFirst && metadataCalls === 1) {
        return delay(100).then(() => Promise.reject({ code: "auth", message: "Login failed: 401 Unauthorized" }));
      }
      // Statuses in turn (the last one repeats), e.g. offline, then changed on Retry.
      const status = metadataStatuses?.[Math.min(metadataCalls, metadataStatuses.length) - 1];
      return delay(150, status ? { ...metadata, status } : metadata);
    },
    query_check: ({ query }) => {
      const issues = [];
      if (!query.trim()) issues.push({ message: "The query is empty.", field: null, start: 0, end: 0 });
      for (const match of query.matchAll(/\(([A-Za-z0-9_]+)=/g)) {
        const name = match[1];
        if (!known.has(name)) {
          const start = match.index + 1;
          issues.push({ message: `Unknown field ${name} in Property/Residential.`, field: name, start, end: start + name.length });
        }
      }
      return delay(50, { issues, canonical: issues.length ? null : query });
    },
    query_count: (args) => timed("count", args, 80, count, (n) => n),
    query_preview: (args) => {
      const { select, limit } = args;
      const columns = select.length ? select : ["LIST_KEY", "LIST_PRICE", "STATUS"];
      const rows = Array.from({ length: Math.min(limit, 60) }, (_, i) =>
        columns.map((c) => (sample[c] ? sample[c](i) : "")),
      );
      return timed("preview", args, 200, { columns, rows, total: count }, (p) => p.rows.length);
    },
    query_history_list: ({ limit }) => delay(40, queryRuns.slice(0, limit).map((r) => ({ ...r }))),
    query_history_clear: () => {
      const removed = queryRuns.splice(0).length;
      return delay(30, removed);
    },
    saved_queries_list: () =>
      delay(40, [...savedQueries].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ ...s }))),
    saved_query_save: ({ input }) => {
      const name = input.name.trim();
      if (!name) return Promise.reject({ code: "invalid_name", message: "Give the query a name." });
      const holder = savedQueries.find((s) => s.name === name && s.id !== input.id);
      if (holder && !input.overwrite) {
        return delay(40).then(() =>
          Promise.reject({ code: "name_taken", message: `A saved query named "${name}" already exists. Choose another name, or overwrite it.` }),
        );
      }
      const now = new Date().toISOString();
      const fields = { name, resource: input.resource, class: input.class, query: input.query, select: input.select, updatedAt: now };
      let target = savedQueries.find((s) => s.id === input.id) ?? (input.id === null ? holder : undefined);
      if (holder && target && holder !== target) savedQueries.splice(savedQueries.indexOf(holder), 1);
      if (target) Object.assign(target, fields);
      else savedQueries.push((target = { id: nextSaved++, createdAt: now, ...fields }));
      return delay(60, { ...target });
    },
    saved_query_delete: ({ id }) => {
      const at = savedQueries.findIndex((s) => s.id === id);
      if (at < 0) return Promise.reject({ code: "not_found", message: "That saved query no longer exists; the list has been refreshed." });
      savedQueries.splice(at, 1);
      return delay(40, null);
    },
  };
  window.__TAURI_INTERNALS__ = {
    invoke: (cmd, args = {}) => {
      if (cmd === "app_info") {
        calls += 1;
        if (failFirst && calls === 1) return Promise.reject({ code: "io", message: "Data folder is not writable" });
        return Promise.resolve(appInfo);
      }
      const handler = handlers[cmd];
      if (!handler) return Promise.reject({ code: "not_found", message: `no mock for ${cmd}` });
      return Promise.resolve(handler(args));
    },
    transformCallback: (callback) => {
      const id = nextCallback++;
      callbacks.set(id, callback);
      return id;
    },
    unregisterCallback: (id) => callbacks.delete(id),
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Serves ui/dist with `vite preview` under the app's CSP on a free loopback port. */
export async function startPreview() {
  const port = await freePort();
  const server = await preview({
    root: uiDir,
    configFile: false,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port, strictPort: true, headers: { "Content-Security-Policy": CSP } },
  });
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** Debian's headless Chromium, quiet (no background networking, no GPU). */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
