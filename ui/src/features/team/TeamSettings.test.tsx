import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { TeamItemView } from "../../bindings/TeamItemView";
import type { TeamStatus } from "../../bindings/TeamStatus";
import { renderWithProviders } from "../../test/renderWithProviders";
import { TeamSettings } from "./TeamSettings";

const SIGNED_OUT: TeamStatus = {
  signedIn: false,
  server: null,
  email: null,
  role: null,
  teamName: null,
  limits: null,
  fingerprint: null,
  syncedAt: null,
  conflicts: 0,
};

const BASIC: TeamStatus = {
  signedIn: true,
  server: "https://team.example.com/",
  email: "bo@example.com",
  role: "basic",
  teamName: "Ana Realty",
  limits: { role: "basic", rowsPerQuery: 10000, queriesPerDay: 200, classes: ["Property:Residential"] },
  fingerprint: "9b1c 22d0 aa31 7e45",
  syncedAt: "2026-12-06T09:00:00.000Z",
  conflicts: 0,
};

const CONFLICT: TeamItemView = {
  localId: 4,
  kind: "savedQuery",
  name: "Active in Austin",
  body: { query: "(City=Austin),(ListPrice=300000+)" },
  state: "conflict",
  theirsName: "Active in Austin",
  theirsBody: { query: "(City=Austin),(Status=A)" },
};

describe("TeamSettings", () => {
  it("signs in, shows role, limits and fingerprint, and hides the admin screens from a Basic member", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      const a = (args ?? {}) as Record<string, string>;
      if (cmd === "team_status") return SIGNED_OUT;
      if (cmd === "team_sign_in") {
        if (a.password !== "bo-password-12") {
          return Promise.reject({ code: "team_invalid_credentials", message: "Wrong email or password." });
        }
        expect(a).toMatchObject({ server: "https://team.example.com", email: "bo@example.com" });
        return BASIC;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    renderWithProviders(<TeamSettings />);
    const form = await screen.findByTestId("team-sign-in");
    await userEvent.type(within(form).getByLabelText("Team server"), "https://team.example.com");
    await userEvent.type(within(form).getByLabelText("Email"), "bo@example.com");
    await userEvent.type(within(form).getByLabelText("Password"), "nope");
    await userEvent.click(within(form).getByTestId("team-submit"));
    expect(await screen.findByTestId("team-error")).toHaveTextContent("Wrong email or password.");
    await userEvent.clear(within(form).getByLabelText("Password"));
    await userEvent.type(within(form).getByLabelText("Password"), "bo-password-12");
    await userEvent.click(within(form).getByTestId("team-submit"));
    expect(await screen.findByTestId("team-who")).toHaveTextContent("Ana Realty");
    expect(screen.getByTestId("team-who")).toHaveTextContent("(basic)");
    expect(screen.getByTestId("team-limits-mine")).toHaveTextContent(
      "10,000 rows per query, 200 queries per day, only Property:Residential",
    );
    expect(screen.getByTestId("team-fingerprint")).toHaveTextContent("9b1c 22d0 aa31 7e45");
    expect(screen.queryByTestId("team-admin")).not.toBeInTheDocument();
    expect(screen.queryByTestId("team-sharing")).not.toBeInTheDocument();
    expect(calls.filter((c) => c === "team_sign_in")).toHaveLength(2);
  });

  it("shows both copies of a conflicted item and keeps the one chosen", async () => {
    let status: TeamStatus = { ...BASIC, conflicts: 1 };
    const resolved: unknown[] = [];
    mockIPC((cmd, args) => {
      switch (cmd) {
        case "team_status":
          return status;
        case "team_items":
          return (args as { kind: string }).kind === "savedQuery" && status.conflicts > 0 ? [CONFLICT] : [];
        case "team_item_resolve":
          resolved.push(args);
          status = { ...status, conflicts: 0 };
          return { ...CONFLICT, state: "changed", theirsName: null, theirsBody: null };
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    });
    renderWithProviders(<TeamSettings />);
    const conflicts = await screen.findByTestId("team-conflicts");
    expect(conflicts).toHaveTextContent("(City=Austin),(ListPrice=300000+)");
    expect(conflicts).toHaveTextContent("(City=Austin),(Status=A)");
    await userEvent.click(within(conflicts).getByRole("button", { name: "Keep mine" }));
    expect(resolved).toEqual([{ localId: 4, keep: "mine" }]);
    await screen.findByTestId("team-who");
    expect(await screen.findByText(/Last sync/)).toBeInTheDocument();
  });
});
