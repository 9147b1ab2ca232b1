import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { Preview } from "../../bindings/Preview";
import type { QueryCheck } from "../../bindings/QueryCheck";
import { demoMetadata } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { QueryScreen } from "./QueryScreen";

type Handler = (args: Record<string, unknown>) => unknown;

function backend(overrides: Record<string, Handler> = {}) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const handlers: Record<string, Handler> = {
    metadata_get: () => demoMetadata,
    query_check: (): QueryCheck => ({ issues: [], canonical: null }),
    query_count: () => 1234,
    query_preview: ({ select }): Preview => ({
      columns: select as string[],
      rows: [(select as string[]).map((c) => (c === "STATUS" ? "A" : c === "CITY" ? "PSP" : `${c}-1`))],
      total: 1234,
    }),
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

const text = () => screen.getByTestId<HTMLTextAreaElement>("query-text").value;

async function addPriceRule(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "Add rule to all rules" }));
  await user.selectOptions(screen.getByLabelText("Rule 1 field"), "LIST_PRICE");
  await user.type(screen.getByLabelText("Rule 1 from"), "300000");
}

describe("Query", () => {
  it("defaults to Property / first class and an empty builder", async () => {
    backend();
    renderWithProviders(<QueryScreen />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading metadata");
    expect(await screen.findByTestId("query-resource")).toHaveValue("Property");
    expect(screen.getByTestId("query-class")).toHaveValue("Residential");
    expect(screen.getByText(/No rules yet/)).toBeInTheDocument();
    expect(text()).toBe("");
    expect(screen.getByTestId("query-run")).toBeDisabled();
  });

  it("builds DMQL, checks it debounced and shows the live count", async () => {
    const calls = backend();
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.click(screen.getByRole("button", { name: "Add rule to all rules" }));
    await user.selectOptions(screen.getByLabelText("Rule 2 field"), "STATUS");
    await user.click(screen.getByRole("checkbox", { name: /Active/ }));
    await user.click(screen.getByRole("checkbox", { name: /Closed/ }));
    expect(text()).toBe("(LIST_PRICE=300000+),(STATUS=|A,S)");
    expect(await screen.findByText("≈ 1,234 matching records")).toBeInTheDocument();
    const checks = calls.filter(([cmd]) => cmd === "query_check");
    // Debounced: not one check per keystroke.
    expect(checks.length).toBeLessThan(5);
    expect(checks.at(-1)?.[1]).toEqual({
      target: { connectionId: "demo", resource: "Property", class: "Residential" },
      query: "(LIST_PRICE=300000+),(STATUS=|A,S)",
    });
  });

  it("reorders and removes rules with buttons", async () => {
    backend();
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.click(screen.getByRole("button", { name: "Add rule to all rules" }));
    await user.selectOptions(screen.getByLabelText("Rule 2 field"), "STATUS");
    await user.click(screen.getByRole("checkbox", { name: /Pending/ }));
    await user.click(screen.getByRole("button", { name: "Move rule 2 up" }));
    expect(text()).toBe("(STATUS=|P),(LIST_PRICE=300000+)");
    await user.click(screen.getByRole("button", { name: "Remove rule 1" }));
    expect(text()).toBe("(LIST_PRICE=300000+)");
  });

  it("drag and drop reorders rules within their group", async () => {
    backend();
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.click(screen.getByRole("button", { name: "Add rule to all rules" }));
    await user.selectOptions(screen.getByLabelText("Rule 2 field"), "STATUS");
    await user.click(screen.getByRole("checkbox", { name: /Pending/ }));
    const [first, second] = screen.getAllByTestId("query-rule");
    const handle = second?.querySelector(".drag-handle");
    if (!first || !handle) throw new Error("rules not rendered");
    const dataTransfer = { setData: () => {}, setDragImage: () => {}, effectAllowed: "", dropEffect: "" };
    fireEvent.dragStart(handle, { dataTransfer });
    fireEvent.dragOver(first, { dataTransfer });
    expect(first).toHaveClass("is-drop-target");
    fireEvent.drop(first, { dataTransfer });
    fireEvent.dragEnd(handle, { dataTransfer });
    expect(text()).toBe("(STATUS=|P),(LIST_PRICE=300000+)");
    expect(first).not.toHaveClass("is-drop-target");
  });

  it("lists issues with positions, marks hand edits and rebuilds from the builder", async () => {
    backend({
      query_check: ({ query }) => {
        const q = String(query);
        const at = q.indexOf("NOPE");
        return at < 0
          ? { issues: [], canonical: q }
          : { issues: [{ message: "Unknown field NOPE", field: "NOPE", start: at, end: at + 4 }], canonical: null };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    fireEvent.change(screen.getByTestId("query-text"), { target: { value: "(LIST_PRICE=300000+),(NOPE=1)" } });
    expect(screen.getByTestId("query-out-of-sync")).toHaveTextContent("Edited by hand — builder out of sync");
    const issues = screen.getByTestId("query-issues");
    expect(await within(issues).findByText(/Unknown field NOPE/)).toBeInTheDocument();
    expect(issues).toHaveTextContent("line 1, characters 23–26: Unknown field NOPE");
    expect(screen.getByTestId("query-count")).toHaveTextContent("1 issue — fix before counting");
    expect(screen.getByTestId("query-text")).toHaveAttribute("aria-invalid", "true");
    await user.click(screen.getByRole("button", { name: "Rebuild from builder" }));
    expect(text()).toBe("(LIST_PRICE=300000+)");
    expect(screen.queryByTestId("query-out-of-sync")).not.toBeInTheDocument();
  });

  it("Ctrl+Enter runs the preview with the default columns and limit; Decoded shows long values", async () => {
    const calls = backend();
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    screen.getByTestId("query-text").focus();
    await user.keyboard("{Control>}{Enter}{/Control}");
    const rows = await screen.findAllByTestId("preview-row");
    expect(rows).toHaveLength(1);
    const preview = calls.find(([cmd]) => cmd === "query_preview")?.[1];
    expect(preview).toMatchObject({ query: "(LIST_PRICE=300000+)", limit: 50 });
    expect(preview?.select).toEqual(["LIST_KEY", "LIST_PRICE", "STATUS", "CITY", "BEDS", "BATHS", "SQFT", "LIST_DATE", "PROP_TYPE"]);
    expect(screen.getByTestId("preview-status")).toHaveTextContent("Preview done: showing 1 of 1,234 records.");
    const table = screen.getByTestId("preview-table");
    expect(within(table).getByText("A")).toHaveAttribute("title", "Active");
    await user.click(screen.getByRole("checkbox", { name: "Decoded lookup values" }));
    expect(within(table).getByText("Palm Springs")).toHaveAttribute("title", "PSP");
  });

  it("shows a preview failure with Retry", async () => {
    let previews = 0;
    backend({
      query_preview: () => {
        previews += 1;
        throw { code: "server", message: "20203 Miscellaneous search error" };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.click(screen.getByTestId("query-run"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("20203 Miscellaneous search error");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(previews).toBe(2);
  });

  it("shows check errors with Retry", async () => {
    let checks = 0;
    backend({
      query_check: () => {
        checks += 1;
        if (checks === 1) throw { code: "network", message: "connection refused" };
        return { issues: [], canonical: null };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await user.click(await screen.findByRole("button", { name: "Add rule to all rules" }));
    await user.selectOptions(screen.getByLabelText("Rule 1 field"), "POOL_YN");
    await user.selectOptions(screen.getByLabelText("Rule 1 value"), "1");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("connection refused");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("≈ 1,234 matching records")).toBeInTheDocument();
  });

  it("changing the class starts a new query", async () => {
    backend();
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.selectOptions(screen.getByTestId("query-class"), "Land");
    expect(text()).toBe("");
    await user.selectOptions(screen.getByTestId("query-resource"), "Agent");
    expect(screen.getByTestId("query-class")).toHaveValue("Agent");
  });

  it("says when no record matches and when the server has no class to query", async () => {
    backend({ query_preview: () => ({ columns: ["LIST_KEY"], rows: [], total: 0 }) });
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(<QueryScreen />);
    await addPriceRule(user);
    await user.click(screen.getByTestId("query-run"));
    expect(await screen.findByText("Preview done: no record matches.")).toBeInTheDocument();
    expect(screen.queryByTestId("preview-table")).not.toBeInTheDocument();
    unmount();
    backend({ metadata_get: () => ({ ...demoMetadata, resources: [] }) });
    renderWithProviders(<QueryScreen />);
    expect(await screen.findByText("This server describes no class to query.")).toBeInTheDocument();
  });

  it("reports a metadata error with Retry", async () => {
    let loads = 0;
    backend({
      metadata_get: () => {
        loads += 1;
        if (loads === 1) throw { code: "timeout", message: "server did not answer" };
        return demoMetadata;
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<QueryScreen />);
    await user.click(within(await screen.findByRole("alert")).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("query-resource")).toHaveValue("Property");
  });
});
