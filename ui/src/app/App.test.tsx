import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { sampleAppInfo } from "../test/fixtures";
import { demoMetadata, sampleConnections } from "../test/metadataFixture";
import { App } from "./App";

describe("App", () => {
  it("keeps a half-built query when visiting other areas, and the current connection applies to Query", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") return sampleAppInfo;
      if (cmd === "connections_list") return sampleConnections;
      if (cmd === "metadata_get") return demoMetadata;
      if (cmd === "query_check") return { issues: [], canonical: null };
      if (cmd === "query_count") return 7;
      throw new Error(`unexpected ${cmd}`);
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-query"));
    expect(screen.getByRole("main")).toHaveAccessibleName("Query");
    await user.click(await screen.findByRole("button", { name: "Add rule to all rules" }));
    await user.selectOptions(screen.getByLabelText("Rule 1 field"), "STATUS");
    await user.click(screen.getByRole("checkbox", { name: /Active/ }));
    await user.click(screen.getByTestId("nav-metadata"));
    expect(await screen.findByRole("heading", { level: 1, name: "Metadata" })).toBeVisible();
    await user.click(screen.getByTestId("nav-query"));
    expect(screen.getByTestId("query-text")).toHaveValue("(STATUS=|A)");
    expect(screen.getByRole("heading", { level: 1, name: "Query" }).parentElement).toHaveTextContent(
      "Connection: Demo MLS",
    );

    await user.click(screen.getByTestId("nav-connections"));
    await user.click(await screen.findByTestId("connection-crmls"));
    await user.click(screen.getByTestId("connection-use"));
    await user.click(screen.getByTestId("nav-query"));
    const heading = screen.getByRole("heading", { level: 1, name: "Query" });
    expect(heading.parentElement).toHaveTextContent("Connection: Coastal MLS");
  });

  it("a metadata error offers to test the connection, which opens Connections", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") return sampleAppInfo;
      if (cmd === "connections_list") return sampleConnections;
      throw { code: "auth", message: "Login failed: 401" };
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-metadata"));
    await user.click(await screen.findByRole("button", { name: "Test the connection" }));
    expect(screen.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    expect(await screen.findByTestId("connection-test")).toBeInTheDocument();
  });
});
