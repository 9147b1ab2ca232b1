import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { Diagnosis } from "../../bindings/Diagnosis";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { sampleConnections } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ConnectionsScreen } from "./ConnectionsScreen";

const diagnosis: Diagnosis = {
  steps: [
    { title: "Reach the server", status: "ok", detail: "Answered in 4 ms.", hint: null },
    { title: "Log in", status: "failed", detail: "401 Unauthorized.", hint: "Check the user name and password." },
    { title: "Capabilities", status: "warning", detail: "No GetObject.", hint: null },
  ],
};

function CurrentName() {
  return <p data-testid="current-name">{useCurrentConnection().current.name}</p>;
}

describe("Connections", () => {
  it("shows loading, then the list with the Demo MLS built in and selected", async () => {
    let reply: (value: unknown) => void = () => {};
    mockIPC(() => new Promise((resolve) => { reply = resolve; }));
    renderWithProviders(<ConnectionsScreen />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading connections");
    reply(sampleConnections);
    const demo = await screen.findByTestId("connection-demo");
    expect(demo).toHaveTextContent("Built in");
    expect(demo).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("connection-crmls")).not.toHaveTextContent("Built in");
    expect(screen.getByText(/simulated MLS server/)).toBeInTheDocument();
    expect(screen.getByTestId("connection-use")).toHaveTextContent("Current connection");
  });

  it("reports a listing error and recovers on Retry", async () => {
    let calls = 0;
    mockIPC(() => {
      calls += 1;
      if (calls === 1) throw { code: "io", message: "settings file is unreadable" };
      return sampleConnections;
    });
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    expect(await screen.findByRole("alert")).toHaveTextContent("settings file is unreadable");
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("connection-demo")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("explains an empty list", async () => {
    mockIPC(() => []);
    renderWithProviders(<ConnectionsScreen />);
    expect(await screen.findByText(/No connections yet/)).toBeInTheDocument();
  });

  it("tests the selected connection and lists steps with icon and text status", async () => {
    const calls: Array<[string, unknown]> = [];
    let finish: (value: Diagnosis) => void = () => {};
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "connections_list") return sampleConnections;
      return new Promise((resolve) => { finish = resolve; });
    });
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-test"));
    expect(screen.getByRole("status")).toHaveTextContent("also starts the Demo MLS");
    expect(screen.getByTestId("connection-test")).toBeDisabled();
    finish(diagnosis);
    const steps = await screen.findAllByTestId("diagnosis-step");
    expect(steps.map((s) => s.dataset.status)).toEqual(["ok", "failed", "warning"]);
    expect(steps[1]).toHaveTextContent("Log in — Failed");
    expect(steps[1]).toHaveTextContent("Next step: Check the user name and password.");
    expect(screen.getByText("1 of 3 steps OK, 1 with warnings, 1 failed")).toBeInTheDocument();
    expect(calls).toContainEqual(["connection_test", { connectionId: "demo" }]);
  });

  it("shows a test failure with Retry", async () => {
    let tests = 0;
    mockIPC((cmd) => {
      if (cmd === "connections_list") return sampleConnections;
      tests += 1;
      if (tests === 1) throw { code: "timeout", message: "The Demo MLS did not start" };
      return diagnosis;
    });
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-test"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The Demo MLS did not start");
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findAllByTestId("diagnosis-step")).toHaveLength(3);
  });

  it("Use this connection makes the selection current for the app", async () => {
    mockIPC(() => sampleConnections);
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <ConnectionsScreen />
        <CurrentName />
      </>,
    );
    await user.click(await screen.findByTestId("connection-crmls"));
    expect(screen.getByTestId("current-name")).toHaveTextContent("Demo MLS");
    expect(screen.getByText("Metadata and Query use Demo MLS.")).toBeInTheDocument();
    await user.click(screen.getByTestId("connection-use"));
    expect(screen.getByTestId("current-name")).toHaveTextContent("Coastal MLS");
    expect(within(screen.getByTestId("connection-crmls")).getByText("Current")).toBeInTheDocument();
    expect(screen.getByTestId("connection-use")).toHaveAttribute("aria-disabled", "true");
  });
});
