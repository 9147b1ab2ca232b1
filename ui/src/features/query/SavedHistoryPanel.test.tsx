import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { QueryRun } from "../../bindings/QueryRun";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import { demoMetadata } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { QueryScreen } from "./QueryScreen";
import { formatDuration } from "./SavedHistoryPanel";
import { nameProblem } from "./SaveQueryDialog";

type Handler = (args: Record<string, unknown>) => unknown;

const saved = (id: number, name: string, cls: string, query: string): SavedQueryView => ({
  id,
  name,
  resource: "Property",
  class: cls,
  query,
  select: ["LIST_KEY", "CITY", "GONE_FIELD"],
  createdAt: "2026-11-27T10:00:00.000Z",
  updatedAt: "2026-11-27T10:00:00.000Z",
});

const run = (id: number, extra: Partial<QueryRun>): QueryRun => ({
  id,
  kind: "count",
  resource: "Property",
  class: "Residential",
  query: "(LIST_PRICE=300000+)",
  select: [],
  startedAt: "2026-11-27T10:15:00.000Z",
  durationMs: 1250,
  records: 1234,
  status: "ok",
  error: null,
  ...extra,
});

function backend(overrides: Record<string, Handler> = {}) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  let savedList = [
    saved(1, "Condos in town", "Condo", "(STREET_NAME=Palm*),(CITY=|PSP)"),
    saved(2, "Big homes", "Residential", "(SQFT=3000+)"),
  ];
  let history = [
    run(10, { kind: "preview", records: 50, durationMs: 320, select: ["LIST_KEY"] }),
    run(9, {
      status: "error",
      records: null,
      query: "(LIST_PRICE = 1+)",
      error: "The server refused the query (20206 Invalid query syntax).",
    }),
  ];
  const handlers: Record<string, Handler> = {
    metadata_get: () => demoMetadata,
    query_check: () => ({ issues: [], canonical: null }),
    query_count: () => 77,
    saved_queries_list: () => savedList,
    query_history_list: () => history,
    saved_query_delete: ({ id }) => {
      savedList = savedList.filter((s) => s.id !== id);
      return null;
    },
    query_history_clear: () => {
      const n = history.length;
      history = [];
      return n;
    },
    ...overrides,
  };
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected ${cmd}`);
    return handler(a);
  });
  return calls;
}

async function openPanel(user: ReturnType<typeof userEvent.setup>) {
  renderWithProviders(<QueryScreen />);
  const toggle = await screen.findByTestId("query-saved-toggle");
  expect(toggle).toHaveAttribute("aria-expanded", "false");
  await user.click(toggle);
  expect(toggle).toHaveAttribute("aria-expanded", "true");
  return screen.findByTestId("query-saved-panel");
}

describe("Saved & history panel", () => {
  it("lists saved queries and history with time, duration, count and status", async () => {
    backend();
    const user = userEvent.setup();
    const panel = await openPanel(user);
    const savedItems = await within(panel).findAllByTestId("saved-query");
    expect(savedItems.map((item) => item.dataset.name)).toEqual(["Condos in town", "Big homes"]);
    const entries = within(panel).getAllByTestId("history-entry");
    expect(entries[0]).toHaveAttribute("data-status", "ok");
    expect(entries[0]).toHaveTextContent("Preview — 50 rows");
    expect(entries[0]).toHaveTextContent("320 ms");
    expect(entries[0]?.querySelector("time")).toHaveAttribute("datetime", "2026-11-27T10:15:00.000Z");
    expect(entries[1]).toHaveAttribute("data-status", "error");
    expect(entries[1]).toHaveTextContent("Count — failed");
    expect(entries[1]).toHaveTextContent("20206 Invalid query syntax");
  });

  it("loads a saved query of another class into builder and columns; Enter works too", async () => {
    const previews: Array<Record<string, unknown>> = [];
    backend({
      query_preview: (args) => {
        previews.push(args);
        return { columns: args.select, rows: [], total: 0 };
      },
    });
    const user = userEvent.setup();
    const panel = await openPanel(user);
    const [condos] = await within(panel).findAllByTestId("saved-query-load");
    condos?.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("query-class")).toHaveValue("Condo");
    expect(screen.getByTestId("query-text")).toHaveValue("(STREET_NAME=Palm*),(CITY=|PSP)");
    expect(screen.queryByTestId("query-out-of-sync")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Rule 1 field")).toHaveValue("STREET_NAME");
    expect(screen.getByLabelText("Rule 2 field")).toHaveValue("CITY");
    expect(screen.getByTestId("query-load-notice")).toHaveTextContent("Loaded the saved query “Condos in town”");
    // Unknown columns are dropped, known ones kept in order.
    await user.click(screen.getByTestId("query-run"));
    expect(previews.at(-1)?.select).toEqual(["LIST_KEY", "CITY"]);
  });

  it("a hand-written history entry stays text, marked out of sync", async () => {
    backend();
    const user = userEvent.setup();
    const panel = await openPanel(user);
    const entries = await within(panel).findAllByTestId("history-entry");
    await user.click(within(entries[1] as HTMLElement).getByRole("button"));
    expect(screen.getByTestId("query-text")).toHaveValue("(LIST_PRICE = 1+)");
    expect(screen.getByTestId("query-out-of-sync")).toBeInTheDocument();
  });

  it("deletes a saved query and clears the history only after confirmation", async () => {
    const calls = backend();
    const user = userEvent.setup();
    const panel = await openPanel(user);
    const [, big] = await within(panel).findAllByTestId("saved-query");
    await user.click(within(big as HTMLElement).getByTestId("saved-query-delete"));
    expect(calls.some(([cmd]) => cmd === "saved_query_delete")).toBe(false);
    const confirm = within(big as HTMLElement).getByTestId("saved-query-delete-confirm");
    expect(confirm).toHaveFocus();
    await user.click(confirm);
    expect(calls.find(([cmd]) => cmd === "saved_query_delete")?.[1]).toEqual({ connectionId: "demo", id: 2 });
    expect(await screen.findByText("Deleted saved query “Big homes”.")).toBeInTheDocument();
    expect(within(panel).getAllByTestId("saved-query")).toHaveLength(1);

    await user.click(within(panel).getByTestId("history-clear"));
    await user.click(within(panel).getByTestId("history-clear-confirm"));
    expect(await within(panel).findByText(/No counts or previews yet/)).toBeInTheDocument();
  });

  it("shows a load error with Retry", async () => {
    let fail = true;
    backend({
      saved_queries_list: () => {
        if (fail) throw { code: "store", message: "The local database failed: disk I/O error" };
        return [];
      },
    });
    const user = userEvent.setup();
    const panel = await openPanel(user);
    expect(await within(panel).findByRole("alert")).toHaveTextContent("disk I/O error");
    fail = false;
    await user.click(within(panel).getByRole("button", { name: "Retry" }));
    expect(await within(panel).findByText(/No saved queries yet/)).toBeInTheDocument();
  });
});

describe("Save query dialog", () => {
  it("checks the name, reports a taken name and overwrites on request", async () => {
    const saves: Array<Record<string, unknown>> = [];
    backend({
      saved_query_save: ({ input }) => {
        const request = input as Record<string, unknown>;
        saves.push(request);
        if (request.overwrite !== true) {
          throw { code: "name_taken", message: 'A saved query named "Big homes" already exists. Choose another name, or overwrite it.' };
        }
        return { ...saved(2, "Big homes", "Residential", request.query as string), select: request.select };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    const save = await screen.findByTestId("query-save");
    expect(save).toBeDisabled();
    await user.type(screen.getByTestId("query-text"), "(SQFT=4000+)");
    await user.click(save);
    const dialog = screen.getByTestId("save-query-dialog");
    expect(dialog).toHaveAttribute("open");
    await user.click(within(dialog).getByTestId("save-query-submit"));
    expect(within(dialog).getByTestId("save-query-problem")).toHaveTextContent("Give the query a name.");
    expect(saves).toHaveLength(0);

    await user.type(within(dialog).getByTestId("save-query-name"), "Big homes");
    await user.keyboard("{Enter}");
    expect(await within(dialog).findByTestId("save-query-taken")).toHaveTextContent("already exists");
    expect(dialog).toHaveAttribute("open");
    expect(screen.getByTestId("query-text")).toHaveValue("(SQFT=4000+)");
    await user.click(within(dialog).getByTestId("save-query-overwrite"));
    expect(saves.at(-1)).toMatchObject({
      id: null,
      name: "Big homes",
      resource: "Property",
      class: "Residential",
      query: "(SQFT=4000+)",
      overwrite: true,
    });
    expect(dialog).not.toHaveAttribute("open");
  });

  it("validates names like the backend", () => {
    expect(nameProblem("  ")).toMatch(/name/);
    expect(nameProblem("x".repeat(101))).toMatch(/101/);
    expect(nameProblem("a\tb")).toMatch(/tabs/);
    expect(nameProblem("é".repeat(100))).toBeNull();
    expect(formatDuration(1250)).toBe("1.3 s");
    expect(formatDuration(80)).toBe("80 ms");
  });
});
