import type { ClassTarget } from "../../bindings/ClassTarget";
import type { ReplicaView } from "../../bindings/ReplicaView";
import { act, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReplicaFilter } from "../../bindings/ReplicaFilter";
import type { ReplicaPage } from "../../bindings/ReplicaPage";
import { ActionsProvider } from "../../app/actions/ActionsProvider";
import { useShellActions } from "../../app/actions/useShellActions";
import type { AreaId } from "../../app/areas";
import { IntentProvider } from "../../app/intents/IntentProvider";
import { ThemeProvider } from "../../app/theme/ThemeProvider";
import { JobsTargetProvider } from "../../app/classTarget/JobsTargetProvider";
import { useJobsTarget } from "../../app/classTarget/jobsTargetContext";
import { NavigationContext } from "../../app/navigationContext";
import { demoMetadata, residentialClass } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { FILTER_DEBOUNCE_MS } from "./ResultsView";
import { ResultsScreen } from "./ResultsScreen";

const COLUMNS = residentialClass.fields.map((f) => f.systemName);
const TOTAL = 1_000_000;

interface ReplicaArgs {
  class: string;
  filters: ReplicaFilter[];
  sortField: string | null;
  descending: boolean;
  offset: number;
  limit: number;
}

interface WireArgs {
  target: ClassTarget;
  view: ReplicaView;
  offset: number;
  limit: number;
}

function page(args: ReplicaArgs, total: number): ReplicaPage {
  const count = Math.max(0, Math.min(args.limit, total - args.offset));
  const rows = Array.from({ length: count }, (_, i) => {
    const n = args.offset + i;
    return COLUMNS.map((c) => (c === "LIST_PRICE" ? 300000 + n : c === "POOL_YN" ? n % 2 === 0 : `${c}-${String(n)}`));
  });
  return { columns: COLUMNS, rows, keys: rows.map((_, i) => `L${String(args.offset + i)}`), total };
}

function backend(replica: (args: ReplicaArgs) => unknown = (a) => page(a, a.filters.length ? 42 : TOTAL)) {
  const queries: ReplicaArgs[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "metadata_get") return demoMetadata;
    if (cmd === "listing_photos") return { source: "server", photos: [], skipped: 0, next: null };
    if (cmd === "replica_query") {
      // The wire shape: { target, view, offset, limit }.
      const { target, view, offset, limit } = args as unknown as WireArgs;
      const flat: ReplicaArgs = { class: target.class, ...view, offset, limit };
      queries.push(flat);
      return replica(flat);
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return queries;
}

function TargetProbe() {
  const { target } = useJobsTarget();
  return <p data-testid="probe">{target ? `${target.resource}/${target.className ?? ""}` : "none"}</p>;
}

const noAbout = () => undefined;

/** The shell's actions (Export… among them), as the app registers them. */
function ShellActions({ navigate }: { navigate: (id: AreaId) => void }) {
  useShellActions({ go: navigate, openAbout: noAbout });
  return null;
}

function renderResults(navigate: (id: string) => void = () => {}) {
  return renderWithProviders(
    <NavigationContext.Provider value={navigate}>
      <ThemeProvider>
        <IntentProvider>
          <ActionsProvider area="results">
            <ShellActions navigate={navigate} />
            <JobsTargetProvider>
              <ResultsScreen />
              <TargetProbe />
            </JobsTargetProvider>
          </ActionsProvider>
        </IntentProvider>
      </ThemeProvider>
    </NavigationContext.Provider>,
  );
}

// jsdom has no layout: give the grid's scroll box a size so the virtualizer has a window.
const sizes = ["offsetHeight", "offsetWidth", "clientHeight"] as const;
const originals = sizes.map((name) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
beforeAll(() => {
  for (const name of sizes) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("grid-scroll") ? (name === "offsetWidth" ? 1000 : 560) : 0;
      },
    });
  }
});
afterAll(() => {
  sizes.forEach((name, i) => {
    const original = originals[i];
    if (original) Object.defineProperty(HTMLElement.prototype, name, original);
  });
});

describe("Results", () => {
  it("shows the total and renders only a window of rows of a million", async () => {
    const queries = backend();
    renderResults();
    expect(await screen.findByText(/1,000,000/)).toBeInTheDocument();
    expect(screen.getByTestId("results-total")).toHaveTextContent("1,000,000 records");
    const grid = screen.getByTestId("results-grid");
    expect(grid).toHaveAttribute("role", "grid");
    expect(grid).toHaveAttribute("aria-rowcount", String(TOTAL + 2));
    const rows = await screen.findAllByTestId("results-row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(80);
    expect(within(rows[0] as HTMLElement).getAllByRole("gridcell")[0]).toHaveTextContent("LIST_KEY-0");
    expect(rows[0]).toHaveAttribute("aria-rowindex", "3");
    expect(queries[0]).toMatchObject({ class: "Residential", offset: 0, limit: 200, sortField: null, filters: [] });
    // 12 of 21 columns by default; the chooser shows the rest.
    expect(within(grid).getAllByRole("columnheader")).toHaveLength(12);
    expect(screen.getByText("Columns (12 of 21)")).toBeInTheDocument();
  });

  it("sorts asc → desc → none from the header and sends the sort", async () => {
    const queries = backend();
    const user = userEvent.setup();
    renderResults();
    const header = await screen.findByRole("columnheader", { name: /List Price/ });
    expect(header).toHaveAttribute("aria-sort", "none");
    await user.click(within(header).getByRole("button"));
    expect(header).toHaveAttribute("aria-sort", "ascending");
    await user.click(within(header).getByRole("button"));
    expect(header).toHaveAttribute("aria-sort", "descending");
    expect(queries.at(-1)).toMatchObject({ sortField: "LIST_PRICE", descending: true, offset: 0 });
    await user.click(within(header).getByRole("button"));
    expect(header).toHaveAttribute("aria-sort", "none");
    expect(queries.at(-1)).toMatchObject({ sortField: null });
  });

  it("decodes lookups on request and reorders columns from the chooser", async () => {
    backend((a) => {
      const base = page(a, TOTAL);
      const status = COLUMNS.indexOf("STATUS");
      return { ...base, rows: base.rows.map((r) => r.map((v, i) => (i === status ? "A" : v))) };
    });
    const user = userEvent.setup();
    renderResults();
    const grid = await screen.findByTestId("results-grid");
    await screen.findAllByTestId("results-row");
    const statusAt = () =>
      within(grid).getAllByRole("columnheader").findIndex((h) => h.textContent.includes("Status"));
    const firstRowStatus = () => within(screen.getAllByTestId("results-row")[0] as HTMLElement).getAllByRole("gridcell")[statusAt()];
    expect(firstRowStatus()).toHaveTextContent(/^A$/);
    await user.click(screen.getByTestId("results-decoded"));
    expect(firstRowStatus()).toHaveTextContent(/^Active$/);

    const before = statusAt();
    await user.click(screen.getByText(/^Columns \(/));
    const item = screen.getAllByTestId("column-item").find((li) => li.getAttribute("data-column") === "STATUS");
    await user.click(within(item as HTMLElement).getByTestId("column-up"));
    expect(statusAt()).toBe(before - 1);
    expect(firstRowStatus()).toHaveTextContent(/^Active$/);
  });

  it("maps the filter row to replica filters after a pause", async () => {
    const queries = backend();
    const user = userEvent.setup();
    renderResults();
    await user.type(await screen.findByLabelText("Minimum List Price"), "350000");
    await user.type(screen.getByLabelText("City contains"), "PSP");
    await new Promise((resolve) => setTimeout(resolve, FILTER_DEBOUNCE_MS + 100));
    // Generous timeout: a loaded machine (CI) may take a while to re-render.
    expect(await screen.findByText(/match the filters/, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId("results-total")).toHaveTextContent("42 records match the filters");
    expect(queries.at(-1)?.filters).toEqual([
      { field: "LIST_PRICE", op: "ge", value: 350000 },
      { field: "CITY", op: "contains", value: "PSP" },
    ]);
    await user.type(screen.getByLabelText("Maximum List Price"), "x");
    expect(screen.getByText(/Not a number in the filter of LIST_PRICE/)).toBeInTheDocument();
  });

  it("moves the active cell with the keyboard, shows the detail and copies", async () => {
    backend();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    renderResults();
    await screen.findAllByTestId("results-row");
    const grid = screen.getByTestId("results-grid");
    act(() => { grid.focus(); });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    const active = document.getElementById(grid.getAttribute("aria-activedescendant") ?? "");
    expect(active).toHaveTextContent("LIST_ID-1");
    const detail = screen.getByTestId("results-detail");
    expect(detail).toHaveTextContent("Record 2 · L1");
    expect(within(detail).getByText("Living Area (sq ft)")).toBeInTheDocument();
    fireEvent.keyDown(grid, { key: "c", ctrlKey: true });
    expect(writeText).toHaveBeenCalledWith("LIST_ID-1");
    await screen.findByText("Copied “LIST_ID-1”.");
    fireEvent.keyDown(grid, { key: "c", ctrlKey: true, shiftKey: true });
    expect(writeText).toHaveBeenLastCalledWith(expect.stringMatching(/^LIST_KEY-1\tLIST_ID-1\t/));
  });

  it("opens the Export dialog from the toolbar and with Ctrl+E", async () => {
    backend();
    const user = userEvent.setup();
    renderResults();
    await screen.findAllByTestId("results-row");
    expect(screen.queryByTestId("export-dialog")).not.toBeInTheDocument();
    const open = screen.getByTestId("export-open");
    expect(open).toHaveAttribute("aria-keyshortcuts", "Control+E");
    await user.click(open);
    const dialog = await screen.findByTestId("export-dialog");
    expect(dialog).toHaveTextContent("1,000,000 records.");
    await user.click(within(dialog).getByTestId("export-close"));
    expect(screen.queryByTestId("export-dialog")).not.toBeInTheDocument();
    fireEvent.keyDown(window, { key: "e", ctrlKey: true });
    expect(await screen.findByTestId("export-dialog")).toBeInTheDocument();
    // The same action (with its shortcut) is what the command palette lists.
    expect(screen.getAllByTestId("palette-option").map((o) => o.textContent)).toContain("ResultsExport…Ctrl+E");
  });

  it("offers to download a class that is not synced, preselected in Jobs", async () => {
    backend(() => Promise.reject({ code: "not_synced", message: "Property/Condo has not been downloaded" }));
    const navigate = vi.fn();
    const user = userEvent.setup();
    renderResults(navigate);
    await user.selectOptions(await screen.findByTestId("results-class"), "Condo");
    await user.click(await screen.findByRole("button", { name: "Download it first" }));
    expect(navigate).toHaveBeenCalledWith("jobs");
    expect(screen.getByTestId("probe")).toHaveTextContent("Property/Condo");
  });

  it("shows other errors with Retry", async () => {
    let fail = true;
    backend((a) => (fail ? Promise.reject({ code: "io", message: "replica locked" }) : page(a, 5)));
    const user = userEvent.setup();
    renderResults();
    expect(await screen.findByRole("alert")).toHaveTextContent("replica locked");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("5")).toBeInTheDocument();
    expect(screen.getByTestId("results-total")).toHaveTextContent("5 records");
  });
});
