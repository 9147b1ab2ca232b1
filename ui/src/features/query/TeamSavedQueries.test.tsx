import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import type { SavedQueryView } from "../../bindings/SavedQueryView";
import type { TeamItemView } from "../../bindings/TeamItemView";
import { TeamSavedQueries } from "./TeamSavedQueries";

const MINE: SavedQueryView = {
  id: 3,
  name: "Cheap condos",
  resource: "Property",
  class: "Residential",
  query: "(LIST_PRICE=0-200000)",
  select: ["LISTING_KEY"],
  createdAt: "2026-12-01T10:00:00Z",
  updatedAt: "2026-12-01T10:00:00Z",
};

const SHARED: TeamItemView = {
  localId: 1,
  kind: "savedQuery",
  name: "Active in Austin",
  body: { resource: "Property", class: "Residential", query: "(CITY=Austin)", select: [] },
  state: "synced",
  theirsName: null,
  theirsBody: null,
};

describe("TeamSavedQueries", () => {
  it("shows nothing when this computer is not signed in to a team", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      return Promise.reject({ code: "team_signed_out", message: "Not signed in to a team." });
    });
    const { container } = render(<TeamSavedQueries mine={[MINE]} refreshKey={0} onLoad={vi.fn()} />);
    await waitFor(() => { expect(asked).toEqual(["team_items"]); });
    expect(container).toBeEmptyDOMElement();
  });

  it("loads a team query into the editor and shares one of mine, then syncs", async () => {
    const items = [SHARED];
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "team_items") return items;
      if (cmd === "team_item_save") {
        const a = args as { name: string; body: Record<string, unknown> };
        expect(a.body).toEqual({ resource: "Property", class: "Residential", query: MINE.query, select: MINE.select });
        const item: TeamItemView = { ...SHARED, localId: 2, name: a.name, body: a.body, state: "created" };
        items.push(item);
        return item;
      }
      if (cmd === "team_sync") return Promise.reject({ code: "team_unreachable", message: "offline" });
      throw new Error(`unexpected ${cmd}`);
    });
    const onLoad = vi.fn();
    render(<TeamSavedQueries mine={[MINE]} refreshKey={0} onLoad={onLoad} />);
    await userEvent.click(await screen.findByRole("button", { name: /Active in Austin/ }));
    expect(onLoad).toHaveBeenCalledWith({
      resource: "Property",
      class: "Residential",
      query: "(CITY=Austin)",
      select: [],
      origin: "team saved query “Active in Austin”",
    });
    await userEvent.selectOptions(screen.getByTestId("team-share-query"), "3");
    await userEvent.click(screen.getByRole("button", { name: "Share with the team" }));
    expect(await screen.findByRole("status")).toHaveTextContent("“Cheap condos” goes to the team at the next sync.");
    expect(await screen.findByText(/not sent yet/)).toBeInTheDocument();
    expect(calls).toContain("team_sync");
  });
});
