import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { sampleAppInfo, wholeText } from "../../test/fixtures";

describe("Home", () => {
  it("explains the workflow and the Demo MLS", async () => {
    mockIPC(() => sampleAppInfo);
    render(<App />);
    expect(screen.getByTestId("app-title")).toHaveTextContent("RETS Data Portal");
    const steps = screen.getAllByRole("listitem").filter((li) => li.classList.contains("step"));
    expect(steps.map((li) => li.querySelector(".step-title")?.textContent)).toEqual([
      "Connect to an MLS",
      "Explore metadata",
      "Build a query",
      "Download",
      "Browse",
      "Export",
    ]);
    expect(screen.getByText(/Demo MLS/, { selector: "h3" })).toBeInTheDocument();
    await screen.findByTestId("app-version");
  });

  it("shows a loading state, then the installation facts", async () => {
    let reply: (info: typeof sampleAppInfo) => void = () => {};
    mockIPC(
      () =>
        new Promise((resolve) => {
          reply = resolve;
        }),
    );
    render(<App />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading installation details");
    expect(screen.queryByTestId("app-version")).not.toBeInTheDocument();
    reply(sampleAppInfo);
    expect(await screen.findByTestId("app-version")).toHaveTextContent("0.3.1");
    expect(screen.getByText(wholeText(sampleAppInfo.dataDir))).toBeInTheDocument();
    expect(screen.getByText(wholeText(sampleAppInfo.logDir))).toBeInTheDocument();
    expect(screen.getByText("linux / x86_64")).toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows the error message and retries on request", async () => {
    let calls = 0;
    mockIPC((cmd) => {
      if (cmd !== "app_info") throw new Error(`unexpected ${cmd}`);
      calls += 1;
      if (calls === 1) throw { code: "io", message: "Data folder is not writable" };
      return sampleAppInfo;
    });
    const user = userEvent.setup();
    render(<App />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Data folder is not writable");
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("app-version")).toHaveTextContent("0.3.1");
    expect(calls).toBe(2);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
