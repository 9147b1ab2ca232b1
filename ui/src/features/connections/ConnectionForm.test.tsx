import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { ConnectionInput } from "../../bindings/ConnectionInput";
import type { ConnectionSummary } from "../../bindings/ConnectionSummary";
import { useCurrentConnection } from "../../app/connection/currentConnectionContext";
import { sampleConnections } from "../../test/metadataFixture";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ConnectionsScreen } from "./ConnectionsScreen";

type Handler = (args: Record<string, unknown>) => unknown;

function backend(overrides: Record<string, Handler> = {}) {
  let connections: ConnectionSummary[] = [...sampleConnections];
  const saved: ConnectionInput[] = [];
  const handlers: Record<string, Handler> = {
    connections_list: () => connections,
    connection_save: ({ input }) => {
      const value = input as ConnectionInput;
      saved.push(value);
      const summary: ConnectionSummary = {
        id: value.id ?? "c-new",
        name: value.name,
        kind: "rets",
        loginUrl: value.loginUrl,
        username: value.username,
        userAgent: value.userAgent || null,
        retsVersion: value.retsVersion || null,
        usePost: value.usePost,
        vendorTemplate: value.vendorTemplate,
        allowInsecure: value.allowInsecure,
        unencrypted: value.loginUrl.startsWith("http://"),
        shared: null,
      };
      connections = [...connections.filter((c) => c.id !== summary.id), summary];
      return summary;
    },
    connection_delete: ({ connectionId }) => {
      connections = connections.filter((c) => c.id !== connectionId);
      return null;
    },
    ...overrides,
  };
  mockIPC((cmd, args) => {
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected ${cmd}`);
    return handler((args ?? {}) as Record<string, unknown>);
  });
  return saved;
}

function CurrentName() {
  return <p data-testid="current-name">{useCurrentConnection().current.id}</p>;
}

describe("Connection form", () => {
  it("validates inline, applies a vendor template, saves and selects the new connection", async () => {
    const saved = backend();
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-new"));
    const form = screen.getByTestId("connection-form");
    await user.click(screen.getByTestId("connection-save"));
    expect(within(form).getByText("Give the connection a name.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByLabelText("Name")).toHaveFocus();

    await user.selectOptions(within(form).getByLabelText("Vendor template"), "rapattoni");
    expect(within(form).getByText(/Defaults for Rapattoni; check your MLS's welcome letter/)).toBeInTheDocument();
    expect(within(form).getByRole("radio", { name: "POST" })).toBeChecked();
    await user.type(within(form).getByLabelText("Name"), "Valley MLS");
    await user.type(within(form).getByLabelText("Login URL"), "not a url");
    await user.type(within(form).getByLabelText("User name"), "ana");
    await user.type(within(form).getByLabelText("Password"), "pw");
    await user.click(screen.getByTestId("connection-save"));
    expect(within(form).getByText(/This is not a URL/)).toBeInTheDocument();
    expect(saved).toHaveLength(0);
    await user.clear(within(form).getByLabelText("Login URL"));
    await user.type(within(form).getByLabelText("Login URL"), "https://rets.valley.example/login");
    await user.click(screen.getByTestId("connection-save"));

    expect(await screen.findByTestId("connection-c-new")).toHaveAttribute("aria-pressed", "true");
    expect(screen.queryByTestId("connection-form")).not.toBeInTheDocument();
    expect(saved[0]).toEqual({
      id: null,
      name: "Valley MLS",
      loginUrl: "https://rets.valley.example/login",
      username: "ana",
      password: "pw",
      userAgent: "",
      uaPassword: null,
      retsVersion: "RETS/1.7.2",
      usePost: true,
      vendorTemplate: "rapattoni",
      allowInsecure: false,
    });
  });

  it("warns about plain HTTP and saves the allow-insecure switch only when turned on", async () => {
    const saved = backend();
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-new"));
    const form = screen.getByTestId("connection-form");
    await user.type(within(form).getByLabelText("Name"), "Old MLS");
    await user.type(within(form).getByLabelText("Login URL"), "https://rets.old.example/login");
    expect(within(form).queryByTestId("unencrypted-warning")).not.toBeInTheDocument();
    await user.clear(within(form).getByLabelText("Login URL"));
    await user.type(within(form).getByLabelText("Login URL"), "http://rets.old.example/login");
    expect(within(form).getByTestId("unencrypted-warning")).toHaveTextContent(/unencrypted/);
    await user.type(within(form).getByLabelText("User name"), "ana");
    await user.type(within(form).getByLabelText("Password"), "pw");
    const allow = within(form).getByRole("checkbox", { name: "Allow other hosts and plain HTTP" });
    expect(allow).not.toBeChecked();
    await user.click(allow);
    expect(within(form).getByText(/may now send your password to other hosts/)).toBeInTheDocument();
    await user.click(screen.getByTestId("connection-save"));
    expect(await screen.findByTestId("unencrypted-badge")).toHaveTextContent("Unencrypted (HTTP)");
    expect(screen.getByTestId("insecure-allowed")).toBeInTheDocument();
    expect(saved[0]).toMatchObject({ loginUrl: "http://rets.old.example/login", allowInsecure: true });
  });

  it("edits a saved connection keeping the password, and shows keychain errors verbatim", async () => {
    let fail = true;
    const edits: ConnectionInput[] = [];
    backend({
      connection_save: ({ input }) => {
        edits.push(input as ConnectionInput);
        if (fail) {
          fail = false;
          return Promise.reject({ code: "keychain_unavailable", message: "The Secret Service is locked." });
        }
        const value = input as ConnectionInput;
        return { id: value.id, name: value.name, kind: "rets", loginUrl: value.loginUrl, username: value.username };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-crmls"));
    expect(screen.queryByTestId("connection-delete")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("connection-edit"));
    const form = screen.getByTestId("connection-form");
    expect(within(form).getByLabelText("Password")).toHaveAttribute("placeholder", "leave empty to keep");
    expect(within(form).getByLabelText("Name")).toHaveValue("Coastal MLS");
    await user.click(screen.getByTestId("connection-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The Secret Service is locked.");
    expect(alert).toHaveTextContent(/Unlock or set up the system keychain/);
    await user.click(screen.getByTestId("connection-save"));
    await screen.findByTestId("connection-use");
    expect(edits).toHaveLength(2);
    expect(edits[1]).toMatchObject({ id: "crmls", name: "Coastal MLS", username: "ana.broker", password: null, uaPassword: null });
  });

  it("deletes after confirmation and falls back to the Demo MLS when it was current", async () => {
    backend();
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <ConnectionsScreen />
        <CurrentName />
      </>,
    );
    await user.click(await screen.findByTestId("connection-crmls"));
    await user.click(screen.getByTestId("connection-use"));
    expect(screen.getByTestId("current-name")).toHaveTextContent("crmls");
    await user.click(screen.getByTestId("connection-edit"));
    await user.click(screen.getByTestId("connection-delete"));
    const confirm = screen.getByRole("alertdialog");
    expect(confirm).toHaveTextContent("Delete Coastal MLS?");
    await user.click(within(confirm).getByRole("button", { name: "Yes, delete" }));
    // Wait for the reloaded list itself, not for any "Use" button (the old one may still be there).
    await waitFor(() => {
      expect(screen.queryByTestId("connection-crmls")).not.toBeInTheDocument();
    });
    await screen.findByTestId("connection-use");
    expect(screen.getByTestId("current-name")).toHaveTextContent("demo");
  });

  it("shows a refused delete with its message", async () => {
    backend({ connection_delete: () => Promise.reject({ code: "invalid_argument", message: "This one stays." }) });
    const user = userEvent.setup();
    renderWithProviders(<ConnectionsScreen />);
    await user.click(await screen.findByTestId("connection-crmls"));
    await user.click(screen.getByTestId("connection-edit"));
    await user.click(screen.getByTestId("connection-delete"));
    await user.click(screen.getByRole("button", { name: "Yes, delete" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This one stays.");
  });
});
