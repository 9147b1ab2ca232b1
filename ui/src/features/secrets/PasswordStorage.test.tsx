import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { ConnectionInput } from "../../bindings/ConnectionInput";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import type { PasswordStorage } from "../../bindings/PasswordStorage";
import { sampleConnections } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ConnectionsScreen } from "../connections/ConnectionsScreen";
import { passphraseProblem } from "./passphrase";
import { PasswordStorageSettings } from "./PasswordStorageSettings";

const VAULT = "/home/ana/.local/share/com.retsdataportal.app/secrets.vault";

/** A backend whose keychain is broken until the user opts in to the file. */
function backend(start: PasswordStorage) {
  let storage = start;
  const calls: string[] = [];
  const saved: ConnectionInput[] = [];
  let connections = [...sampleConnections];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const a = (args ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "connections_list":
        return connections;
      case "secrets_status":
        return storage;
      case "secrets_use_file":
        if (a.passphrase !== "correct horse") throw new Error("unexpected passphrase");
        storage = { ...storage, backend: "encryptedFile", unlocked: true };
        return storage;
      case "secrets_unlock":
        if (a.passphrase !== "correct horse") {
          return Promise.reject({ code: "wrong_passphrase", message: "wrong passphrase for the encrypted secrets file" });
        }
        storage = { ...storage, unlocked: true };
        return storage;
      case "secrets_use_keychain":
        return Promise.reject({ code: "keychain_unavailable", message: "no keychain available: no Secret Service" });
      case "connection_save": {
        if (storage.backend === "keychain") {
          return Promise.reject({ code: "keychain_unavailable", message: "no keychain available: no Secret Service" });
        }
        const input = a.input as ConnectionInput;
        saved.push(input);
        const summary: ConnectionSummary = {
          id: "c-9",
          name: input.name,
          kind: "rets",
          loginUrl: input.loginUrl,
          username: input.username,
          userAgent: null,
          retsVersion: null,
          usePost: input.usePost,
          vendorTemplate: input.vendorTemplate,
          allowInsecure: input.allowInsecure,
          unencrypted: false,
    shared: null,
        };
        connections = [...connections, summary];
        return summary;
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
  return { calls, saved };
}

const KEYCHAIN: PasswordStorage = { backend: "keychain", unlocked: true, vaultPath: VAULT, minPassphraseChars: 8 };

describe("passphraseProblem", () => {
  it("wants a long enough passphrase typed twice", () => {
    expect(passphraseProblem("short", "short", 8)).toMatch(/at least 8/);
    expect(passphraseProblem("long enough", "long enougH", 8)).toMatch(/differ/);
    expect(passphraseProblem("long enough", "long enough", 8)).toBeNull();
    expect(passphraseProblem("🔑🔑🔑🔑🔑🔑🔑🔑", "🔑🔑🔑🔑🔑🔑🔑🔑", 8)).toBeNull();
  });
});

describe("Settings → Passwords", () => {
  it("opts in to the encrypted file only after a valid passphrase", async () => {
    const { calls } = backend(KEYCHAIN);
    const user = userEvent.setup();
    renderWithProviders(<PasswordStorageSettings />);
    expect(await screen.findByTestId("password-storage-status")).toHaveTextContent("system keychain");
    await user.click(screen.getByTestId("use-encrypted-file"));
    await user.type(screen.getByTestId("passphrase-input"), "correct");
    await user.type(screen.getByTestId("passphrase-confirm"), "correct");
    await user.click(screen.getByTestId("passphrase-submit"));
    expect(screen.getByText("Use at least 8 characters.")).toBeInTheDocument();
    expect(screen.getByTestId("passphrase-input")).toHaveAttribute("aria-invalid", "true");
    expect(calls).not.toContain("secrets_use_file");

    await user.type(screen.getByTestId("passphrase-input"), " horse");
    await user.type(screen.getByTestId("passphrase-confirm"), " horse");
    await user.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("password-storage-status")).toHaveTextContent(`encrypted file: ${VAULT}`);
    expect(screen.getByTestId("use-keychain")).toBeInTheDocument();

    await user.click(screen.getByTestId("use-keychain"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Passwords stay in the encrypted file.");
    expect(alert).toHaveTextContent("no Secret Service");
  });

  it("a locked file asks for its passphrase and explains a wrong one", async () => {
    backend({ ...KEYCHAIN, backend: "encryptedFile", unlocked: false });
    const user = userEvent.setup();
    renderWithProviders(<PasswordStorageSettings />);
    expect(await screen.findByTestId("password-storage-status")).toHaveTextContent("locked");
    expect(screen.queryByTestId("passphrase-confirm")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("passphrase-input"), "battery staple");
    await user.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByRole("alert")).toHaveTextContent(/case-sensitive/);
    await user.clear(screen.getByTestId("passphrase-input"));
    await user.type(screen.getByTestId("passphrase-input"), "correct horse");
    await user.click(screen.getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("password-storage-status")).not.toHaveTextContent("locked");
  });
});

describe("Connection form without a keychain", () => {
  it("offers the encrypted file and then saves the connection", async () => {
    const { saved } = backend(KEYCHAIN);
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-new"));
    const form = screen.getByTestId("connection-form");
    await user.type(within(form).getByLabelText("Name"), "Valley MLS");
    await user.type(within(form).getByLabelText("Login URL"), "https://rets.valley.example/login");
    await user.type(within(form).getByLabelText("User name"), "ana");
    await user.type(within(form).getByLabelText("Password"), "pw");
    await user.click(screen.getByTestId("connection-save"));
    expect(await screen.findByRole("alert")).toHaveTextContent("no Secret Service");
    const offer = screen.getByTestId("passphrase-offer");
    await user.type(within(offer).getByTestId("passphrase-input"), "correct horse");
    await user.type(within(offer).getByTestId("passphrase-confirm"), "correct horse");
    await user.click(within(offer).getByTestId("passphrase-submit"));
    expect(await screen.findByTestId("connection-c-9")).toBeInTheDocument();
    expect(saved.map((s) => s.name)).toEqual(["Valley MLS"]);
  });
});
