import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { MetadataView } from "../../bindings/MetadataView";
import { demoMetadata } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { MetadataScreen } from "./MetadataScreen";

describe("Metadata", () => {
  it("shows loading, then the tree, header facts and the first class's fields", async () => {
    let reply: (value: MetadataView) => void = () => {};
    const calls: unknown[] = [];
    mockIPC((_cmd, args) => {
      calls.push(args);
      return new Promise((resolve) => { reply = resolve; });
    });
    renderWithProviders(<MetadataScreen />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading metadata");
    reply(demoMetadata);
    expect(await screen.findAllByTestId("metadata-field-row")).toHaveLength(21);
    expect(calls).toEqual([{ connectionId: "demo", refresh: false }]);
    expect(screen.getByTestId("metadata-system")).toHaveTextContent("DEMO — Demo MLS (simulated)");
    expect(screen.getByText(/version 1\.12\.30/)).toBeInTheDocument();
    expect(screen.getByTestId("metadata-class-Residential")).toHaveAttribute("aria-current", "true");
    const header = screen.getAllByRole("columnheader").map((th) => th.textContent);
    expect(header).toEqual(["SystemName", "StandardName", "LongName", "DataType", "Interpretation", "Lookup", "Searchable"]);
  });

  it("filters fields by any name, case-insensitively, and says when nothing matches", async () => {
    mockIPC(() => demoMetadata);
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    await screen.findAllByTestId("metadata-field-row");
    await user.type(screen.getByTestId("metadata-search"), "zip code");
    const rows = screen.getAllByTestId("metadata-field-row");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent("POSTAL_CODE");
    expect(screen.getByTestId("metadata-field-count")).toHaveTextContent("1 of 21 fields match");
    await user.clear(screen.getByTestId("metadata-search"));
    await user.type(screen.getByTestId("metadata-search"), "nothing like this");
    expect(screen.getByText("No field matches the search.")).toBeInTheDocument();
  });

  it("switches classes from the tree", async () => {
    mockIPC(() => demoMetadata);
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    await user.click(await screen.findByTestId("metadata-class-Land"));
    expect(screen.getAllByTestId("metadata-field-row")).toHaveLength(9);
    expect(screen.getByRole("heading", { name: "Property / Land" })).toBeInTheDocument();
    await user.click(screen.getByTestId("metadata-class-Agent"));
    expect(screen.getAllByTestId("metadata-field-row")).toHaveLength(5);
  });

  it("opens a lookup's values in a dialog", async () => {
    mockIPC(() => demoMetadata);
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    await user.click(await screen.findByRole("button", { name: "Show values of lookup CITY" }));
    const dialog = screen.getByTestId("lookup-dialog");
    expect(dialog).toHaveAttribute("open");
    const rows = within(dialog).getAllByTestId("lookup-value-row");
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveTextContent("PSPPalm Springs");
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(dialog).not.toHaveAttribute("open");
  });

  it("reports a load error with Retry and a pointer to the connection test", async () => {
    let calls = 0;
    mockIPC(() => {
      calls += 1;
      if (calls === 1) throw { code: "auth", message: "Login failed: 401" };
      return demoMetadata;
    });
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Login failed: 401");
    expect(alert).toHaveTextContent("Test connection");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findAllByTestId("metadata-field-row")).toHaveLength(21);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("Refresh asks the server again and keeps the old metadata meanwhile", async () => {
    const calls: unknown[] = [];
    let reply: (value: MetadataView) => void = () => {};
    mockIPC((_cmd, args) => {
      calls.push(args);
      if (calls.length === 1) return demoMetadata;
      return new Promise((resolve) => { reply = resolve; });
    });
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    await screen.findAllByTestId("metadata-field-row");
    await user.click(screen.getByTestId("metadata-refresh"));
    expect(calls[1]).toEqual({ connectionId: "demo", refresh: true });
    expect(screen.getByRole("status")).toHaveTextContent("Refreshing metadata");
    expect(screen.getAllByTestId("metadata-field-row")).toHaveLength(21);
    reply({ ...demoMetadata, version: "1.12.31" });
    expect(await screen.findByText(/version 1\.12\.31/)).toBeInTheDocument();
  });

  it("says so when the server describes no resources", async () => {
    mockIPC(() => ({ ...demoMetadata, resources: [] }));
    renderWithProviders(<MetadataScreen />);
    expect(await screen.findByText("The server describes no resources.")).toBeInTheDocument();
  });
});
