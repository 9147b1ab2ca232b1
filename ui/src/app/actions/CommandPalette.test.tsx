import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import { sampleAppInfo } from "../../test/fixtures";
import { demoMetadata, sampleConnections } from "../../test/metadataFixture";
import { App } from "../App";

const saved: SavedQueryView = {
  id: 4,
  name: "Cheap actives",
  resource: "Property",
  class: "Residential",
  query: "(LIST_PRICE=0-200000),(STATUS=|A)",
  select: ["LISTING_KEY", "LIST_PRICE"],
  createdAt: "2026-11-27T10:00:00.000Z",
  updatedAt: "2026-11-27T10:00:00.000Z",
};

let counts = 0;

beforeEach(() => {
  counts = 0;
  mockIPC((cmd) => {
    if (cmd === "app_info") return sampleAppInfo;
    if (cmd === "connections_list") return sampleConnections;
    if (cmd === "metadata_get") return demoMetadata;
    if (cmd === "saved_queries_list") return [saved];
    if (cmd === "query_check") return { issues: [], canonical: null };
    if (cmd === "query_count") {
      counts += 1;
      return 12;
    }
    if (cmd === "connection_test") return { steps: [] };
    throw new Error(`unexpected ${cmd}`);
  });
});

const heading = () => screen.getByRole("heading", { level: 1 }).textContent;
const input = () => screen.getByRole("combobox", { name: "Type a command" });
const options = () => within(screen.getByRole("listbox", { name: "Commands" })).queryAllByRole("option");
const active = () => {
  const id = input().getAttribute("aria-activedescendant");
  return id ? document.getElementById(id) : null;
};

describe("command palette", () => {
  it("opens with Ctrl+K, filters as you type, Enter runs the highlighted command", async () => {
    const user = userEvent.setup();
    render(<App />);
    expect(screen.getByTestId("command-palette")).not.toHaveAttribute("open");
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.getByTestId("command-palette")).toHaveAttribute("open");
    expect(input()).toHaveFocus();
    expect(input()).toHaveAttribute("aria-expanded", "true");
    // Every main action is listed with its shortcut.
    const titles = options().map((o) => o.textContent);
    for (const title of ["Go to Query", "Run preview", "Run count", "Save query…", "New connection…", "Test connection", "Start download", "Keyboard shortcuts", "About RETS Data Portal"]) {
      expect(titles.some((t) => t.includes(title)), title).toBe(true);
    }
    expect(options().find((o) => o.textContent.includes("Go to Metadata"))).toHaveTextContent("Ctrl+3");

    await user.type(input(), "metdata");
    expect(active()).toHaveTextContent("Go to Metadata");
    expect(active()).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("command-palette")).not.toHaveAttribute("open");
    expect(heading()).toBe("Metadata");
  });

  it("moves with Up/Down (wrapping), says when nothing matches, closes on Esc", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("palette-open"));
    const first = active();
    await user.keyboard("{ArrowDown}");
    expect(active()).not.toBe(first);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(active()).toBe(options().at(-1));
    await user.type(input(), "zzzzqqq");
    expect(options()).toHaveLength(0);
    expect(screen.getByTestId("palette-status")).toHaveTextContent("No command matches “zzzzqqq”");
    expect(input()).not.toHaveAttribute("aria-activedescendant");
    await user.keyboard("{Escape}");
    expect(screen.getByTestId("command-palette")).not.toHaveAttribute("open");
    expect(heading()).toBe("Home");
  });

  it("opens a saved query by name into the Query editor", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Control>}k{/Control}");
    await user.type(input(), "cheap");
    expect(await screen.findByText("Open saved query “Cheap actives”")).toBeInTheDocument();
    expect(active()).toHaveTextContent("Cheap actives");
    await user.keyboard("{Enter}");
    expect(heading()).toBe("Query");
    // Metadata loads first, then the load request is claimed and the editor remounts with it.
    await waitFor(() => {
      expect(screen.getByTestId("query-text")).toHaveValue("(LIST_PRICE=0-200000),(STATUS=|A)");
    });
    // The builder took it back: no "out of sync" note, the rule is there.
    expect(screen.queryByTestId("query-out-of-sync")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Rule 1 field")).toHaveValue("LIST_PRICE");
    expect(screen.getByTestId("query-load-notice")).toHaveTextContent("saved query “Cheap actives”");
  });

  it("New connection… opens the form and Test connection tests the current connection", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Control>}k{/Control}");
    await user.type(input(), "new conn");
    await user.keyboard("{Enter}");
    expect(heading()).toBe("Connections");
    expect(await screen.findByTestId("connection-form")).toBeInTheDocument();
    await user.keyboard("{Control>}k{/Control}");
    await user.type(input(), "test connection");
    await user.keyboard("{Enter}");
    expect(await screen.findByText("The test ran but reported no steps.")).toBeInTheDocument();
    expect(screen.queryByTestId("connection-form")).not.toBeInTheDocument();
  });

  it("lists the shortcuts from the same registry in the help dialog (? and Ctrl+/)", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("?");
    const help = screen.getByTestId("shortcuts-dialog");
    expect(help).toHaveAttribute("open");
    const rows = within(help).getAllByTestId("shortcut-row").map((row) => row.textContent);
    expect(rows).toContain("Command paletteCtrl+K");
    expect(rows).toContain("Save query…Ctrl+S");
    expect(rows).toContain("Go to SettingsCtrl+8 or Ctrl+,");
    expect(rows).toContain("Keyboard shortcutsCtrl+/ or ?");
    await user.click(within(help).getByRole("button", { name: "Close" }));
    expect(help).not.toHaveAttribute("open");
    await user.keyboard("{Control>}/{/Control}");
    expect(help).toHaveAttribute("open");
  });

  it("Ctrl+Shift+Enter in the Query text runs the count again, not the preview", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Control>}4{/Control}");
    const text = await screen.findByTestId("query-text");
    await user.type(text, "(BEDS=3+)");
    expect(await screen.findByText("≈ 12 matching records")).toBeInTheDocument();
    const before = counts;
    await user.keyboard("{Control>}{Shift>}{Enter}{/Shift}{/Control}");
    await screen.findByText("≈ 12 matching records");
    await vi.waitFor(() => { expect(counts).toBe(before + 1); });
    expect(screen.getByTestId("preview-status")).toHaveTextContent("Run the preview");
  });

  it("does not take a bare ? typed into a text field", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-query"));
    const text = await screen.findByTestId("query-text");
    await user.type(text, "?");
    expect(screen.getByTestId("shortcuts-dialog")).not.toHaveAttribute("open");
  });
});
