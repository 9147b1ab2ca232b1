import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeEach, describe, expect, it } from "vitest";
import { installMatchMedia, setMedia } from "../../test/browserShims";
import { sampleAppInfo } from "../../test/fixtures";
import { App } from "../App";
import { resolveTheme, THEME_STORAGE_KEY } from "./theme";

const html = () => document.documentElement.dataset.theme;

beforeEach(() => {
  mockIPC(() => sampleAppInfo);
});

describe("resolveTheme", () => {
  it("follows the OS for system, with more contrast taking precedence", () => {
    installMatchMedia({});
    expect(resolveTheme("system")).toBe("light");
    installMatchMedia({ dark: true });
    expect(resolveTheme("system")).toBe("dark");
    installMatchMedia({ dark: true, moreContrast: true });
    expect(resolveTheme("system")).toBe("high-contrast");
    expect(resolveTheme("light")).toBe("light");
  });
});

describe("theme state", () => {
  it("defaults to System and applies the OS theme to <html>", () => {
    installMatchMedia({ dark: true });
    render(<App />);
    expect(screen.getByTestId("theme-select")).toHaveValue("system");
    expect(html()).toBe("dark");
  });

  it("re-resolves System when the OS preference changes", () => {
    render(<App />);
    expect(html()).toBe("light");
    act(() => {
      setMedia({ moreContrast: true });
    });
    expect(html()).toBe("high-contrast");
  });

  it("persists the header choice and restores it on the next start", async () => {
    const user = userEvent.setup();
    const { unmount } = render(<App />);
    await user.selectOptions(screen.getByTestId("theme-select"), "high-contrast");
    expect(html()).toBe("high-contrast");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("high-contrast");
    unmount();
    document.documentElement.removeAttribute("data-theme");
    render(<App />);
    expect(screen.getByTestId("theme-select")).toHaveValue("high-contrast");
    expect(html()).toBe("high-contrast");
  });

  it("ignores an invalid stored value", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "sepia");
    render(<App />);
    expect(screen.getByTestId("theme-select")).toHaveValue("system");
  });

  it("an explicit choice is not overridden by OS changes", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.selectOptions(screen.getByTestId("theme-select"), "light");
    act(() => {
      setMedia({ dark: true });
    });
    expect(html()).toBe("light");
  });

  it("the Settings radio group shares state with the header switch", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByTestId("nav-settings"));
    await user.click(screen.getByRole("radio", { name: "Dark" }));
    expect(screen.getByTestId("theme-select")).toHaveValue("dark");
    expect(html()).toBe("dark");
    await user.selectOptions(screen.getByTestId("theme-select"), "light");
    expect(screen.getByRole("radio", { name: "Light" })).toBeChecked();
  });
});
