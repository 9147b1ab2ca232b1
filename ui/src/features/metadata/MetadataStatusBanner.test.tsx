import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { MetadataStatus } from "../../bindings/MetadataStatus";
import type { MetadataView } from "../../bindings/MetadataView";
import { demoMetadata } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { MetadataScreen } from "./MetadataScreen";
import { formatFetchedAt, statusHeadline } from "./metadataStatus";

const offline: MetadataStatus = {
  source: "offline",
  fetchedAt: "2026-11-20T09:30:00.000Z",
  offlineCode: "http",
  offlineReason: "HTTP request to http://127.0.0.1:9/rets/login failed: connection refused",
  changes: null,
};

const changed: MetadataStatus = {
  source: "online",
  fetchedAt: "2026-11-27T08:00:00.000Z",
  offlineCode: null,
  offlineReason: null,
  changes: {
    previousVersion: "1.12.29",
    previousFetchedAt: "2026-11-20T09:30:00.000Z",
    summary: "1 class removed, 1 field added",
    total: 2,
    items: [
      { kind: "added", item: "field", path: "Property/Residential/POOL_YN", detail: "Boolean" },
      { kind: "removed", item: "class", path: "Property/Retired", detail: "" },
    ],
  },
};

function withStatus(status: MetadataStatus): MetadataView {
  return { ...demoMetadata, status };
}

describe("metadata status banner", () => {
  it("words the offline copy and the change summary with their dates", () => {
    const when = formatFetchedAt("2026-11-20T09:30:00.000Z");
    expect(when).toMatch(/Nov 20, 2026/);
    expect(statusHeadline(offline, "1.12.30")).toBe(`Offline — showing metadata cached on ${when} (version 1.12.30)`);
    expect(statusHeadline(changed, "1.12.30")).toBe(
      `Metadata changed since ${when}: 1 class removed, 1 field added`,
    );
    expect(statusHeadline(demoMetadata.status, "1.12.30")).toBeNull();
    expect(formatFetchedAt("yesterday")).toBe("yesterday");
  });

  it("shows the stored copy offline with the reason, and Retry asks the server again", async () => {
    const calls: unknown[] = [];
    mockIPC((_cmd, args) => {
      calls.push(args);
      return calls.length === 1 ? withStatus(offline) : withStatus(changed);
    });
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    const banner = await screen.findByTestId("metadata-offline");
    expect(banner).toHaveTextContent(/Offline — showing metadata cached on Nov 20, 2026.*\(version 1\.12\.30\)/);
    expect(banner).toHaveTextContent("connection refused");
    // The cached copy is browsable.
    expect(screen.getAllByTestId("metadata-field-row")).toHaveLength(21);

    await user.click(within(banner).getByRole("button", { name: "Retry" }));
    const news = await screen.findByTestId("metadata-changed");
    expect(calls).toEqual([
      { connectionId: "demo", refresh: false },
      { connectionId: "demo", refresh: true },
    ]);
    expect(screen.queryByTestId("metadata-offline")).not.toBeInTheDocument();
    expect(news).toHaveTextContent(/Metadata changed since Nov 20, 2026.*: 1 class removed, 1 field added/);
    expect(news).toHaveTextContent("version 1.12.29 → 1.12.30");
  });

  it("lists the changes in a disclosure", async () => {
    mockIPC(() => withStatus(changed));
    const user = userEvent.setup();
    renderWithProviders(<MetadataScreen />);
    const toggle = await screen.findByText("Show the 2 changes");
    const items = screen.getAllByTestId("metadata-change");
    expect(items[0]).not.toBeVisible();
    await user.click(toggle);
    expect(items[0]).toBeVisible();
    expect(items.map((li) => li.textContent)).toEqual([
      "+field Property/Residential/POOL_YN added — Boolean",
      "−class Property/Retired removed",
    ]);
  });

  it("says nothing when the metadata is fresh and unchanged", async () => {
    mockIPC(() => demoMetadata);
    renderWithProviders(<MetadataScreen />);
    await screen.findAllByTestId("metadata-field-row");
    expect(screen.queryByTestId("metadata-offline")).not.toBeInTheDocument();
    expect(screen.queryByTestId("metadata-changed")).not.toBeInTheDocument();
  });
});
