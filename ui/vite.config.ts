// Vite config for the Tauri web UI: fixed dev port for `tauri dev`, modern
// WebView targets, and the Vitest (jsdom) setup for component tests.
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  build: {
    target: ["es2022", "safari16"],
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // One jsdom per worker, not per file: creating it for each of 40+ files
    // cost more than the tests themselves (70 s → 20 s here). setup.ts resets
    // the DOM, Tauri mocks, storage and theme after every test.
    isolate: false,
    // A loaded 2-core machine (a build beside the tests) slows everything;
    // tests wait for conditions, and this only bounds a real hang.
    testTimeout: 60_000,
  },
});
