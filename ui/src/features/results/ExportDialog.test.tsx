import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { TaskEvent } from "../../bindings/TaskEvent";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ExportDialog } from "./ExportDialog";
import { exportNextStep, pathProblem, withExtension } from "./exportForm";

interface TauriInternals {
  runCallback(id: number, data: unknown): void;
}

type Send = (event: TaskEvent) => void;

function sender(channel: Channel<TaskEvent>): Send {
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals }).__TAURI_INTERNALS__;
  return (message) => { internals.runCallback(channel.id, { index: index++, message }); };
}

const TARGET = { connectionId: "demo", resource: "Property", class: "Land" };
const ROWS = { filters: [{ field: "CITY", op: "eq", value: "Austin" }], sortField: "LIST_PRICE", descending: true };

function backend(onExport: (send: Send, args: Record<string, unknown>) => unknown) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    if (cmd === "export_default_path") {
      const ext = a.format === "csv" ? "csv" : "xlsx";
      return { folder: "/home/me/Downloads", fileName: `Land-2026-11-27.${ext}`, path: `/home/me/Downloads/Land-2026-11-27.${ext}` };
    }
    if (cmd === "export_start") return onExport(sender(a.onEvent as Channel<TaskEvent>), a);
    if (cmd === "cancel_task") return null;
    if (cmd === "plugin:dialog|save") return "/home/me/picked/land";
    if (cmd === "plugin:opener|reveal_item_in_dir") return null;
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

function renderDialog(onClose: () => void = () => {}) {
  return renderWithProviders(
    <ExportDialog open onClose={onClose} target={TARGET} title="Property / Land" rows={ROWS} total={1234} />,
  );
}

describe("export form helpers", () => {
  it("switches the extension with the format and checks the path", () => {
    expect(withExtension("/tmp/land.xlsx", "csv")).toBe("/tmp/land.csv");
    expect(withExtension("/tmp/land.CSV", "xlsx")).toBe("/tmp/land.xlsx");
    expect(withExtension("/tmp/land", "csv")).toBe("/tmp/land.csv");
    expect(pathProblem("", "xlsx")).toMatch(/Enter the file/);
    expect(pathProblem("land.xlsx", "xlsx")).toMatch(/full path/);
    expect(pathProblem("/tmp/", "xlsx")).toMatch(/file name/);
    expect(pathProblem("/tmp/land.csv", "xlsx")).toMatch(/\.xlsx/);
    expect(pathProblem("C:\\Users\\me\\land.xlsx", "xlsx")).toBeNull();
    expect(pathProblem("/tmp/land.xlsx", "xlsx")).toBeNull();
  });

  it("names a next step per error", () => {
    expect(exportNextStep({ code: "folder_missing", message: "" })).toMatch(/Create the folder/);
    expect(exportNextStep({ code: "folder_not_writable", message: "" })).toMatch(/write to/);
    expect(exportNextStep({ code: "internal", message: "" })).toMatch(/Try again/);
  });
});

describe("ExportDialog", () => {
  it("suggests a path, sends the grid's rows and the options, shows progress then the result", async () => {
    let send: Send = () => {};
    let finish: () => void = () => {};
    const calls = backend((s) => {
      send = s;
      return new Promise<null>((resolve) => { finish = () => { resolve(null); }; });
    });
    const user = userEvent.setup();
    renderDialog();
    const dialog = screen.getByTestId("export-dialog");
    expect(within(dialog).getByRole("heading", { name: "Export Property / Land" })).toBeInTheDocument();
    expect(dialog).toHaveTextContent("1,234 records matching the filters, sorted by LIST_PRICE.");
    const path = screen.getByLabelText("File");
    await waitFor(() => { expect(path).toHaveValue("/home/me/Downloads/Land-2026-11-27.xlsx"); });

    await user.click(screen.getByTestId("export-format-csv"));
    await waitFor(() => { expect(path).toHaveValue("/home/me/Downloads/Land-2026-11-27.csv"); });
    await user.selectOptions(screen.getByLabelText("Delimiter"), "pipe");
    await user.click(screen.getByLabelText(/Byte order mark/));
    await user.selectOptions(screen.getByLabelText("Column names"), "system");
    await user.selectOptions(screen.getByLabelText("Lookup values"), "raw");
    await user.clear(path);
    await user.type(path, "/tmp/out/land.csv");
    await user.click(screen.getByTestId("export-start"));

    const start = calls.find(([cmd]) => cmd === "export_start");
    expect(start?.[1]).toMatchObject({
      target: TARGET,
      view: ROWS,
      path: "/tmp/out/land.csv",
      settings: { format: "csv", headers: "system", lookups: "raw", delimiter: "pipe", bom: false, formulaGuard: true, photos: false },
    });
    act(() => {
      send({ kind: "started", taskId: "4" });
      send({ kind: "progress", phase: "write", done: 617, total: 1234, message: "Writing rows: 617 of 1234, 5000 rows/s" });
    });
    expect(await screen.findByTestId("export-message")).toHaveTextContent("Writing rows: 617 of 1234, 5000 rows/s (50%)");
    expect(screen.getByRole("progressbar", { name: "Export progress of Property / Land" })).toHaveAttribute("value", "50");
    expect(screen.getByTestId("export-start")).toBeDisabled();
    expect(screen.getByLabelText("File")).toBeDisabled();

    act(() => {
      send({ kind: "finished", summary: "Wrote 1234 rows (80.2 KB) to /tmp/out/land.csv.", warnings: ['column "Remarks": 2 values truncated'], notes: [] });
      finish();
    });
    const result = await screen.findByTestId("export-result");
    expect(result).toHaveAttribute("data-state", "finished");
    expect(result).toHaveTextContent("Wrote 1234 rows (80.2 KB) to /tmp/out/land.csv.");
    expect(within(result).getByRole("list", { name: "Warnings" })).toHaveTextContent('column "Remarks": 2 values truncated');
    await user.click(screen.getByTestId("export-copy-path"));
    expect(await navigator.clipboard.readText()).toBe("/tmp/out/land.csv");
    expect(await screen.findByText("Path copied.", { selector: "p.hint" })).toBeInTheDocument();
    await user.click(screen.getByTestId("export-show-folder"));
    await waitFor(() => {
      expect(calls).toContainEqual(["plugin:opener|reveal_item_in_dir", { paths: ["/tmp/out/land.csv"] }]);
    });
  });

  it("Choose… opens the save dialog at the suggestion and takes the chosen file", async () => {
    const calls = backend(() => null);
    const user = userEvent.setup();
    renderDialog();
    const path = screen.getByLabelText("File");
    await waitFor(() => { expect(path).toHaveValue("/home/me/Downloads/Land-2026-11-27.xlsx"); });
    await user.click(screen.getByTestId("export-browse"));
    await waitFor(() => { expect(path).toHaveValue("/home/me/picked/land.xlsx"); });
    const asked = calls.find(([cmd]) => cmd === "plugin:dialog|save")?.[1] as { options: { defaultPath: string; filters: unknown } };
    expect(asked.options.defaultPath).toBe("/home/me/Downloads/Land-2026-11-27.xlsx");
    expect(asked.options.filters).toEqual([{ name: "Excel workbook", extensions: ["xlsx"] }]);
  });

  it("refuses a relative path before sending anything", async () => {
    const calls = backend(() => null);
    const user = userEvent.setup();
    renderDialog();
    const path = screen.getByLabelText("File");
    await waitFor(() => { expect(path).toHaveValue("/home/me/Downloads/Land-2026-11-27.xlsx"); });
    await user.clear(path);
    await user.type(path, "land.xlsx");
    await user.click(screen.getByTestId("export-start"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Enter the full path");
    expect(path).toHaveAttribute("aria-invalid", "true");
    expect(calls.some(([cmd]) => cmd === "export_start")).toBe(false);
  });

  it("cancels a running export and says no file was written", async () => {
    let send: Send = () => {};
    const calls = backend((s) => {
      send = s;
      return new Promise<null>(() => {});
    });
    const user = userEvent.setup();
    let closed = 0;
    renderDialog(() => { closed += 1; });
    await waitFor(() => { expect(screen.getByLabelText("File")).not.toHaveValue(""); });
    await user.click(screen.getByTestId("export-start"));
    act(() => {
      send({ kind: "started", taskId: "9" });
      send({ kind: "progress", phase: "finish", done: 1234, total: 1234, message: "Finishing the file: 1.2 MB written" });
    });
    // While finishing the bar is indeterminate, not stuck at 100%.
    expect(await screen.findByTestId("export-message")).toHaveTextContent("Finishing the file: 1.2 MB written");
    expect(screen.getByRole("progressbar")).not.toHaveAttribute("value");
    // Esc does not close the dialog while the export runs.
    fireEvent(screen.getByTestId("export-dialog"), new Event("cancel", { cancelable: true }));
    expect(closed).toBe(0);
    await user.click(screen.getByTestId("export-cancel"));
    expect(calls).toContainEqual(["cancel_task", { taskId: "9" }]);
    expect(screen.getByTestId("export-cancel")).toHaveTextContent("Cancelling…");
    act(() => { send({ kind: "cancelled" }); });
    const result = await screen.findByTestId("export-result");
    expect(result).toHaveAttribute("data-state", "cancelled");
    expect(result).toHaveTextContent("no file was written");
  });

  it("shows a failure with its next step, and Esc closes the dialog when idle", async () => {
    backend(() => Promise.reject({ code: "folder_missing", message: "The folder /nope does not exist." }));
    let closed = 0;
    const user = userEvent.setup();
    renderDialog(() => { closed += 1; });
    const path = screen.getByLabelText("File");
    await waitFor(() => { expect(path).not.toHaveValue(""); });
    await user.clear(path);
    await user.type(path, "/nope/land.xlsx");
    await user.click(screen.getByTestId("export-start"));
    const error = await screen.findByTestId("export-error");
    expect(error).toHaveTextContent("The export failed. The folder /nope does not exist.");
    expect(screen.getByTestId("export-result")).toHaveTextContent("Create the folder first");
    // Esc makes the browser fire "cancel" on the modal dialog (jsdom does not).
    const esc = new Event("cancel", { cancelable: true });
    fireEvent(screen.getByTestId("export-dialog"), esc);
    expect(esc.defaultPrevented).toBe(true);
    expect(closed).toBe(1);
  });
});
