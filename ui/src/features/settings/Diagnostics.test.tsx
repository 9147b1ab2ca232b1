import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import { App } from "../../app/App";
import { sampleAppInfo, wholeText } from "../../test/fixtures";
import { diagnosticsText } from "./Diagnostics";
import type { PasswordStorage } from "../../bindings/PasswordStorage";
import type { TeamStatus } from "../../bindings/TeamStatus";

async function openSettings() {
  const user = userEvent.setup();
  render(<App />);
  await user.click(screen.getByTestId("nav-settings"));
  return user;
}

/** Settings also shows where passwords are kept. */
const keychainStorage: PasswordStorage = {
  backend: "keychain",
  unlocked: true,
  vaultPath: `${sampleAppInfo.dataDir}/secrets.vault`,
  minPassphraseChars: 8,
};

const signedOut: TeamStatus = {
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

/** The other Settings sections' commands answered; `appInfo` for the rest. */
function backend(appInfo: () => unknown) {
  mockIPC((cmd) => (cmd === "secrets_status" ? keychainStorage : cmd === "team_status" ? signedOut : appInfo()));
}

describe("Settings diagnostics", () => {
  it("formats every app_info field", () => {
    const text = diagnosticsText(sampleAppInfo, "TestAgent/1");
    expect(text).toContain("Version: 0.3.1");
    expect(text).toContain("Platform: linux / x86_64");
    expect(text).toContain(`Data folder: ${sampleAppInfo.dataDir}`);
    expect(text).toContain(`Log folder: ${sampleAppInfo.logDir}`);
    expect(text).toContain("Tauri: 2.9.0");
    expect(text).toContain("WebView: TestAgent/1");
  });

  it("shows the facts and copies them to the clipboard", async () => {
    backend(() => sampleAppInfo);
    const user = await openSettings();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    expect(await screen.findByText(wholeText(sampleAppInfo.logDir))).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy diagnostics" }));
    expect(writeText).toHaveBeenCalledWith(diagnosticsText(sampleAppInfo, navigator.userAgent));
    expect(await screen.findByText("Copied to the clipboard.")).toBeInTheDocument();
  });

  it("reports a clipboard failure", async () => {
    backend(() => sampleAppInfo);
    const user = await openSettings();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("Write permission denied"));
    await screen.findByText(wholeText(sampleAppInfo.logDir));
    await user.click(screen.getByRole("button", { name: "Copy diagnostics" }));
    expect(await screen.findByText("Could not copy: Write permission denied")).toBeInTheDocument();
  });

  it("disables copying while app_info is unavailable", async () => {
    backend(() => Promise.reject({ code: "io", message: "no home folder" }));
    await openSettings();
    expect(await screen.findByRole("alert")).toHaveTextContent("no home folder");
    expect(screen.getByRole("button", { name: "Copy diagnostics" })).toBeDisabled();
  });
});
