// Shared Vitest setup: jest-dom matchers, a clean DOM and Tauri mocks between
// tests, and the small browser APIs jsdom lacks (matchMedia, <dialog>).
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach } from "vitest";
import { installDialogPolyfill, installMatchMedia } from "./browserShims";

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
