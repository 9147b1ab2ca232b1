// Browser smoke test of the built UI (ui/dist) in Debian's headless Chromium:
// serves dist with `vite preview` under the app's CSP, fakes the Tauri IPC
// bridge, checks the main flows, runs axe in every theme and saves screenshots.
// Run `npm run build` first. Prints "browser: N passed, M failed".
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { preview } from "vite";

const uiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = join(uiDir, "dist");
const outDir = join(uiDir, "test-results");
const CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:";
const APP_INFO = {
  name: "RETS Data Portal",
  version: "0.3.1",
  identifier: "dev.retsdataportal.app",
  tauriVersion: "2.9.0",
  os: "linux",
  arch: "x86_64",
  dataDir: "/home/ana/.local/share/dev.retsdataportal.app",
  logDir: "/home/ana/.local/share/dev.retsdataportal.app/logs",
};
const THEMES = ["light", "dark", "high-contrast"];

/** Installed before the app loads: a minimal `__TAURI_INTERNALS__`. */
function fakeTauri({ appInfo, failFirst }) {
  let calls = 0;
  window.__TAURI_INTERNALS__ = {
    invoke: (cmd) => {
      if (cmd !== "app_info") return Promise.reject({ code: "not_found", message: `no mock for ${cmd}` });
      calls += 1;
      if (failFirst && calls === 1) return Promise.reject({ code: "io", message: "Data folder is not writable" });
      return Promise.resolve(appInfo);
    },
    transformCallback: () => 0,
    unregisterCallback: () => {},
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String(error?.message ?? error).split("\n").join("\n     ")}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function openApp(browser, url, { failFirst = false, viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme: "light" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.addInitScript(fakeTauri, { appInfo: APP_INFO, failFirst });
  await page.goto(url);
  return { context, page, problems };
}

async function axe(page, label) {
  const report = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const details = report.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  assert(report.violations.length === 0, `${label}: ${details.join("\n")}`);
}

async function main() {
  if (!existsSync(join(distDir, "index.html"))) {
    console.error("ui/dist is missing: run `npm run build` first");
    console.log("browser: 0 passed, 1 failed");
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  const port = await freePort();
  const server = await preview({
    root: uiDir,
    configFile: false,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port, strictPort: true, headers: { "Content-Security-Policy": CSP } },
  });
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

  try {
    const { context, page, problems } = await openApp(browser, url);

    await check("home renders title and app_info", async () => {
      await page.getByTestId("app-version").waitFor({ timeout: 5000 });
      assert((await page.getByTestId("app-title").textContent()) === "RETS Data Portal", "app-title text");
      assert((await page.getByTestId("app-version").textContent()) === APP_INFO.version, "app-version text");
      assert(await page.getByText(APP_INFO.logDir).isVisible(), "log folder shown");
    });

    await check("System theme follows OS colour scheme and contrast", async () => {
      const expectTheme = async (want) => {
        try {
          await page.waitForFunction((t) => document.documentElement.dataset.theme === t, want, { timeout: 2000 });
        } catch {
          const got = await page.evaluate(() => document.documentElement.dataset.theme);
          throw new Error(`expected ${want}, got ${got}`);
        }
      };
      await expectTheme("light");
      await page.emulateMedia({ colorScheme: "dark" });
      await expectTheme("dark");
      await page.emulateMedia({ contrast: "more" });
      await expectTheme("high-contrast");
      await page.emulateMedia({ colorScheme: "light", contrast: "no-preference" });
    });

    for (const theme of THEMES) {
      await check(`home in ${theme}: switch, screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        const applied = await page.evaluate(() => document.documentElement.dataset.theme);
        assert(applied === theme, `data-theme is ${applied}`);
        await page.screenshot({ path: join(outDir, `home-${theme}.png`) });
        await axe(page, `home ${theme}`);
      });
    }

    await check("a programmatic change event applies the theme synchronously", async () => {
      const applied = await page.evaluate(() => {
        const select = document.querySelector('[data-testid="theme-select"]');
        const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
        setter.call(select, "dark");
        select.dispatchEvent(new Event("change", { bubbles: true }));
        const theme = document.documentElement.dataset.theme;
        setter.call(select, "high-contrast");
        select.dispatchEvent(new Event("change", { bubbles: true }));
        return theme;
      });
      assert(applied === "dark", `data-theme right after the event is ${applied}`);
    });

    await check("theme choice survives a reload", async () => {
      await page.reload();
      await page.getByTestId("app-version").waitFor();
      const applied = await page.evaluate(() => document.documentElement.dataset.theme);
      assert(applied === "high-contrast", `after reload data-theme is ${applied}`);
      assert((await page.getByTestId("theme-select").inputValue()) === "high-contrast", "select value");
    });

    for (const theme of THEMES) {
      await check(`About dialog in ${theme}: modal, focus inside, axe, Esc closes`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.getByTestId("about-open").click();
        const dialog = page.getByRole("dialog", { name: "About RETS Data Portal" });
        await dialog.waitFor();
        assert(await page.evaluate(() => document.querySelector("dialog")?.matches(":modal")), "dialog is modal");
        assert(
          await page.evaluate(() => document.querySelector("dialog")?.contains(document.activeElement)),
          "focus is inside the dialog",
        );
        assert((await page.getByTestId("about-version").textContent()) === APP_INFO.version, "about version");
        await page.screenshot({ path: join(outDir, `about-${theme}.png`) });
        await axe(page, `about ${theme}`);
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });
        const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        assert(focused === "about-open", `focus returns to About button, was ${focused}`);
      });
    }

    for (const theme of THEMES) {
      await check(`settings in ${theme} via Ctrl+8: screenshot, axe`, async () => {
        await page.getByTestId("nav-home").click();
        await page.getByTestId("theme-select").selectOption(theme);
        await page.keyboard.press("Control+8");
        await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor({ timeout: 2000 });
        const checked = await page.getByRole("radio", { checked: true }).getAttribute("value");
        assert(checked === theme, `checked radio ${checked}`);
        await page.screenshot({ path: join(outDir, `settings-${theme}.png`) });
        await axe(page, `settings ${theme}`);
      });
    }

    await check("keyboard focus shows a visible focus ring", async () => {
      await page.getByTestId("nav-home").focus();
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.getAttribute("data-testid"), style: style.outlineStyle, width: style.outlineWidth };
      });
      await page.screenshot({ path: join(outDir, "focus-ring.png") });
      assert(ring.id === "nav-connections", `focused ${ring.id}`);
      assert(ring.style === "solid" && parseFloat(ring.width) >= 2, `outline ${ring.style} ${ring.width}`);
    });

    await check("disabled nav entries do nothing", async () => {
      await page.getByTestId("nav-query").click({ force: true });
      await page.keyboard.press("Control+4");
      assert(await page.getByRole("heading", { level: 1, name: "Settings" }).isVisible(), "still on Settings");
    });

    await check("no console errors or CSP violations", async () => {
      assert(problems.length === 0, problems.join("\n"));
    });
    await context.close();

    await check("app_info error shows message and Retry recovers", async () => {
      const run = await openApp(browser, url, { failFirst: true });
      const alert = run.page.getByRole("alert");
      await alert.waitFor({ timeout: 5000 });
      assert((await alert.textContent()).includes("Data folder is not writable"), "error message shown");
      await run.page.screenshot({ path: join(outDir, "home-error-light.png") });
      await axe(run.page, "home error");
      await run.page.getByRole("button", { name: "Retry" }).click();
      await run.page.getByTestId("app-version").waitFor({ timeout: 5000 });
      await run.context.close();
    });

    await check("usable at 1024×700 without horizontal scrolling", async () => {
      const run = await openApp(browser, url, { viewport: { width: 1024, height: 700 } });
      await run.page.getByTestId("app-version").waitFor({ timeout: 5000 });
      const overflow = await run.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await run.page.screenshot({ path: join(outDir, "home-1024x700.png") });
      assert(overflow <= 0, `page overflows horizontally by ${overflow}px`);
      await run.context.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log(`browser: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
