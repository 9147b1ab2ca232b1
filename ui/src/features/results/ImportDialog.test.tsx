import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import type { ImportKeysResult } from "../../bindings/ImportKeysResult";
import type { ImportPreview } from "../../bindings/ImportPreview";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ImportBanner, importSummary } from "./ImportBanner";
import { ImportDialog, columnLabel, importNextStep } from "./ImportDialog";

const TARGET = { connectionId: "demo", resource: "Property", class: "Land" };

const PREVIEW: ImportPreview = {
  fileName: "wish.xlsx",
  sheets: [
    { name: "Notes", rowCount: 1, columns: ["A"], firstRows: [{ row: 1, cells: ["From the broker"] }] },
    {
      name: "Wish list",
      rowCount: 4,
      columns: ["A", "B", "C"],
      firstRows: [
        { row: 2, cells: ["Client", "MLS #", "Street"] },
        { row: 3, cells: ["Ann", "20000001", "12 Main St"] },
        { row: 4, cells: ["Bob", "20000002", "9 Elm Rd"] },
        { row: 5, cells: ["Cy", "NOPE", "1 Oak Ave"] },
      ],
    },
  ],
};

const RESULT: ImportKeysResult = {
  fileName: "wish.xlsx",
  mode: "keys",
  keys: ["20000001", "20000002"],
  imported: 3,
  found: 2,
  addressField: null,
  problems: [{ sheet: "Wish list", row: 5, column: "B", message: 'listing key "NOPE" is not in the downloaded listings' }],
  moreProblems: 0,
};

function backend(match: (args: Record<string, unknown>) => unknown = () => RESULT) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    if (cmd === "import_preview") {
      if (a.path === "/missing.xlsx") {
        throw { code: "file_missing", message: "/missing.xlsx does not exist or is not a file; check the path." };
      }
      return PREVIEW;
    }
    if (cmd === "import_keys") return match(a);
    if (cmd === "plugin:dialog|open") return "/home/me/wish.xlsx";
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

function renderDialog(onApply = vi.fn(), onClose = vi.fn()) {
  renderWithProviders(<ImportDialog open onClose={onClose} target={TARGET} title="Property / Land" onApply={onApply} />);
  return { onApply, onClose };
}

describe("import helpers", () => {
  it("labels columns and names a next step per error", () => {
    expect(columnLabel("B", "MLS #")).toBe("B · MLS #");
    expect(columnLabel("C", "  ")).toBe("C");
    expect(importNextStep({ code: "file_missing", message: "" })).toMatch(/Choose…/);
    expect(importNextStep({ code: "import_open", message: "" })).toMatch(/save it as \.xlsx/);
    expect(importNextStep({ code: "no_address_field", message: "" })).toMatch(/Listing keys/);
    expect(importSummary(RESULT)).toBe("2 of 3 keys found");
    expect(importSummary({ ...RESULT, mode: "addresses", imported: 1, found: 1 })).toBe("1 of 1 address found");
  });
});

describe("ImportDialog", () => {
  it("reads the typed path, maps the key column with a marked preview and applies the matched keys", async () => {
    const calls = backend();
    const user = userEvent.setup();
    const { onApply, onClose } = renderDialog();
    const dialog = screen.getByTestId("import-dialog");
    expect(within(dialog).getByRole("heading", { name: "Filter Property / Land by spreadsheet" })).toBeInTheDocument();
    expect(screen.getByTestId("import-apply")).toBeDisabled();

    await user.type(screen.getByLabelText("File"), "/home/me/wish.xlsx{Enter}");
    await screen.findByTestId("import-mapping");
    expect(calls).toContainEqual(["import_preview", { path: "/home/me/wish.xlsx" }]);
    // The first sheet with data beyond a note: the one the user picks; here both have rows, so the first.
    const sheet = screen.getByLabelText("Sheet");
    expect(sheet).toHaveValue("Notes");
    await user.selectOptions(sheet, "Wish list");
    // The key column is guessed from the header and shown as letter · header.
    const key = screen.getByLabelText("Key column");
    expect(key).toHaveValue("B");
    expect(within(key).getAllByRole("option").map((o) => o.textContent)).toEqual(["A · Client", "B · MLS #", "C · Street"]);
    const table = screen.getByTestId("import-preview");
    const marked = within(table).getAllByRole("columnheader").filter((th) => th.hasAttribute("data-chosen"));
    expect(marked.map((th) => th.textContent)).toEqual(["B · MLS # (keys)"]);
    expect(within(table).getAllByRole("row")).toHaveLength(4);

    // Without a header row, the header line is data and columns are letters only.
    await user.click(screen.getByLabelText("First row is a header"));
    expect(within(screen.getByTestId("import-preview")).getAllByRole("row")).toHaveLength(5);
    await user.click(screen.getByLabelText("First row is a header"));

    await user.click(screen.getByTestId("import-apply"));
    await waitFor(() => { expect(onApply).toHaveBeenCalledWith(RESULT); });
    expect(onClose).toHaveBeenCalled();
    expect(calls).toContainEqual([
      "import_keys",
      {
        target: TARGET,
        path: "/home/me/wish.xlsx",
        mapping: { sheet: "Wish list", hasHeader: true, keyColumn: "B", addressColumns: [] },
      },
    ]);
  });

  it("maps address columns in order and sends only the chosen ones", async () => {
    const calls = backend(() => ({ ...RESULT, mode: "addresses", addressField: "ADDRESS" }));
    const user = userEvent.setup();
    const { onApply } = renderDialog();
    await user.type(screen.getByLabelText("File"), "/home/me/wish.xlsx");
    await user.click(screen.getByTestId("import-read"));
    await user.selectOptions(await screen.findByLabelText("Sheet"), "Wish list");
    await user.click(screen.getByLabelText("Addresses"));
    expect(screen.getByLabelText("Address or street")).toHaveValue("C");
    await user.selectOptions(screen.getByLabelText("Then (e.g. city)"), "A");
    const marked = within(screen.getByTestId("import-preview"))
      .getAllByRole("columnheader")
      .filter((th) => th.hasAttribute("data-chosen"));
    expect(marked).toHaveLength(2);
    await user.click(screen.getByTestId("import-apply"));
    await waitFor(() => { expect(onApply).toHaveBeenCalled(); });
    const sent = calls.find(([cmd]) => cmd === "import_keys")?.[1];
    expect(sent?.mapping).toEqual({ sheet: "Wish list", hasHeader: true, keyColumn: null, addressColumns: ["C", "A"] });
  });

  it("Choose… opens the file chooser with spreadsheet types and reads the pick", async () => {
    const calls = backend();
    const user = userEvent.setup();
    renderDialog();
    await user.click(screen.getByTestId("import-browse"));
    await screen.findByTestId("import-mapping");
    expect(screen.getByLabelText("File")).toHaveValue("/home/me/wish.xlsx");
    const open = calls.find(([cmd]) => cmd === "plugin:dialog|open")?.[1] as { options: { filters: { extensions: string[] }[] } };
    expect(open.options.filters[0]?.extensions).toEqual(expect.arrayContaining(["xlsx", "xls", "xlsb", "ods", "csv"]));
  });

  it("says what is wrong and what to do next", async () => {
    backend(() => ({ ...RESULT, keys: [], found: 0 }));
    const user = userEvent.setup();
    const { onApply } = renderDialog();
    await user.click(screen.getByTestId("import-read"));
    expect(screen.getByRole("alert")).toHaveTextContent("Type the full path of a spreadsheet");
    expect(screen.getByLabelText("File")).toHaveAttribute("aria-invalid", "true");

    await user.type(screen.getByLabelText("File"), "/missing.xlsx{Enter}");
    const error = await screen.findByTestId("import-error");
    expect(error).toHaveTextContent("The file could not be read. /missing.xlsx does not exist");
    expect(error).toHaveTextContent("Check the path, or use Choose…");

    await user.clear(screen.getByLabelText("File"));
    await user.type(screen.getByLabelText("File"), "/home/me/wish.xlsx{Enter}");
    await screen.findByTestId("import-mapping");
    expect(screen.queryByTestId("import-error")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("import-apply"));
    expect(await screen.findByTestId("import-error")).toHaveTextContent(
      "None of the 3 keys in wish.xlsx matched a downloaded listing.",
    );
    expect(onApply).not.toHaveBeenCalled();
  });
});

describe("ImportBanner", () => {
  it("names the file and the count, lists unused rows by sheet, row and column, and clears", async () => {
    const onClear = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ImportBanner result={{ ...RESULT, moreProblems: 2 }} onClear={onClear} />);
    const banner = screen.getByTestId("import-banner");
    expect(banner).toHaveTextContent("Filtered by wish.xlsx: 2 of 3 keys found.");
    const problems = screen.getByTestId("import-problems");
    expect(within(problems).getByText("3 rows not used")).toBeInTheDocument();
    await user.click(within(problems).getByText("3 rows not used"));
    const cells = within(problems).getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual(["Wish list", "5", "B", 'listing key "NOPE" is not in the downloaded listings']);
    expect(problems).toHaveTextContent("…and 2 more.");
    await user.click(screen.getByTestId("import-clear"));
    expect(onClear).toHaveBeenCalled();
  });
});
