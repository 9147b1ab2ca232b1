import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../app/App";
import { sampleAppInfo } from "../../test/fixtures";

beforeEach(() => {
  mockIPC(() => sampleAppInfo);
});

describe("About dialog", () => {
  it("opens as a modal labelled by its heading and shows the facts", async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, "showModal");
    const user = userEvent.setup();
    render(<App />);
    await screen.findByTestId("app-version");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("about-open"));
    expect(showModal).toHaveBeenCalledTimes(1);
    const dialog = screen.getByRole("dialog", { name: "About RETS Data Portal" });
    expect(dialog).toHaveTextContent("0.3.1");
    expect(dialog).toHaveTextContent("RETS 1.5–1.8 client");
    expect(dialog).toHaveTextContent("MIT");
  });

  it("closes with the Close button and can be opened again", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("about-open"));
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("about-open"));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("syncs state when the browser closes it (Esc)", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("about-open"));
    const dialog = screen.getByTestId<HTMLDialogElement>("about-dialog");
    dialog.close(); // what the browser does on Esc
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("about-open"));
    expect(dialog).toHaveAttribute("open");
  });
});
