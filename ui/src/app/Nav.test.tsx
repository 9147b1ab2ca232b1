import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it } from "vitest";
import { sampleAppInfo } from "../test/fixtures";
import { App } from "./App";
import { AREAS } from "./areas";

beforeEach(() => {
  mockIPC(() => sampleAppInfo);
});

const heading = () => screen.getByRole("heading", { level: 1 }).textContent;

describe("navigation", () => {
  it("lists every area and marks the unbuilt ones as disabled with a badge", () => {
    render(<App />);
    for (const area of AREAS) {
      const entry = screen.getByTestId(`nav-${area.id}`);
      if (area.available) {
        expect(entry).not.toHaveAttribute("aria-disabled");
      } else {
        expect(entry).toHaveAttribute("aria-disabled", "true");
        expect(entry).toHaveTextContent("soon");
        expect(entry.title).toMatch(/later version/);
      }
    }
    expect(screen.getByTestId("nav-home")).toHaveAttribute("aria-current", "page");
  });

  it("shows the shortcut in the tooltip of available areas", () => {
    render(<App />);
    expect(screen.getByTestId("nav-home").title).toContain("Ctrl+1");
    expect(screen.getByTestId("nav-settings").title).toContain("Ctrl+8");
  });

  it("switches areas on click but not for disabled entries", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-settings"));
    expect(heading()).toBe("Settings");
    expect(screen.getByTestId("nav-settings")).toHaveAttribute("aria-current", "page");
    await user.click(screen.getByTestId("nav-analytics"));
    expect(heading()).toBe("Settings");
    expect(screen.getByTestId("nav-analytics")).not.toHaveAttribute("aria-current");
  });

  it("Ctrl+8 and Ctrl+, open Settings, Ctrl+1 goes Home", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Control>}8{/Control}");
    expect(heading()).toBe("Settings");
    await user.keyboard("{Control>}1{/Control}");
    expect(heading()).toBe("Home");
    await user.keyboard("{Control>},{/Control}");
    expect(heading()).toBe("Settings");
  });

  it("Cmd works like Ctrl", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Meta>}8{/Meta}");
    expect(heading()).toBe("Settings");
  });

  it("ignores shortcuts of disabled areas and plain digits", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.keyboard("{Control>}8{/Control}");
    await user.keyboard("{Control>}7{/Control}");
    expect(heading()).toBe("Settings");
    await user.keyboard("1");
    expect(heading()).toBe("Settings");
  });
});

describe("shortcut focus", () => {
  it("a shortcut moves focus to the new screen, a click keeps it on the nav", async () => {
    mockIPC(() => sampleAppInfo);
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-settings"));
    expect(screen.getByTestId("nav-settings")).toHaveFocus();
    await user.click(screen.getByRole("radio", { name: "Dark" }));
    await user.keyboard("{Control>}1{/Control}");
    expect(screen.getByRole("main")).toHaveFocus();
    expect(screen.getByTestId("nav-settings")).toHaveAttribute("aria-keyshortcuts", "Control+8 Control+,");
  });
});
