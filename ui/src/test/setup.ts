// Shared Vitest setup: jest-dom matchers, a clean DOM and Tauri mocks between
// tests, and the small browser APIs jsdom lacks (matchMedia, <dialog>).
import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach } from "vitest";
import { installDialogPolyfill, installMatchMedia } from "./browserShims";

// findBy*/waitFor wait for their condition; the default 1 s ceiling is too
// tight when a build shares the machine's two cores.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  installMatchMedia({});
  installDialogPolyfill();
});

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
});
