// Browser smoke test of the built UI (ui/dist) in Debian's headless Chromium:
// serves dist with `vite preview` under the app's CSP, fakes the Tauri IPC
// bridge, checks the main flows, runs axe in every theme and saves screenshots.
// Run `npm run build` first. Prints "browser: N passed, M failed".
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import {
  APP_INFO,
  CHANGED_STATUS,
  CONNECTIONS,
  COUNT,
  METADATA,
  OFFLINE_STATUS,
  distDir,
  fakeTauri,
  launchChromium,
  startPreview,
  uiDir,
} from "./ipc-mock.mjs";

const outDir = join(uiDir, "test-results");
const THEMES = ["light", "dark", "high-contrast"];
// A class as wide as the largest real MLS classes, to keep the browser fast on them.
const WIDE_FIELDS = 2500;
METADATA.resources[0].classes.push({
  name: "Wide",
  visibleName: "Wide",
  standardName: "",
  description: `Synthetic class with ${WIDE_FIELDS} fields`,
  fields: Array.from({ length: WIDE_FIELDS }, (_, i) => ({
    systemName: `FIELD_${i}`,
    standardName: i % 10 === 0 ? `Standard${i}` : "",
    longName: `Field number ${i}`,
    shortName: `F${i}`,
    dataType: i % 3 === 0 ? "Int" : "Character",
    interpretation: "",
    lookupName: null,
    maxLength: 20,
    precision: null,
    searchable: true,
  })),
});

/**
 * Ceiling for every wait on a condition. Waits end as soon as the condition
 * holds; the ceiling only has to outlast a loaded 2-core machine.
 */
const WAIT = 30_000;

/** Pages still open, so a failed check can close the dialogs it left behind. */
const openPages = new Set();

/** Two animation frames: layout and paint after a resize or a screen change. */
async function settled(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
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
    // A failure must not leave a modal open over the next check.
    for (const page of openPages) {
      await page.evaluate(() => document.querySelectorAll("dialog[open]").forEach((d) => d.close())).catch(() => {});
    }
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function openApp(
  browser,
  url,
  {
    failFirst = false,
    failMetadataFirst = false,
    metadataStatuses = null,
    replicaTotal = 1000000,
    viewport = { width: 1280, height: 820 },
  } = {},
) {
  const context = await browser.newContext({ viewport, colorScheme: "light" });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  openPages.add(page);
  page.on("close", () => openPages.delete(page));
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
  await page.addInitScript(fakeTauri, {
    appInfo: APP_INFO,
    failFirst,
    failMetadataFirst,
    metadata: METADATA,
    metadataStatuses,
    replicaTotal,
    connections: CONNECTIONS,
    count: COUNT,
  });
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
  const { server, url } = await startPreview();
  const browser = await launchChromium();

  try {
    const { context, page, problems } = await openApp(browser, url);

    await check("home renders title and app_info", async () => {
      await page.getByTestId("app-version").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("app-title").textContent()) === "RETS Data Portal", "app-title text");
      assert((await page.getByTestId("app-version").textContent()) === APP_INFO.version, "app-version text");
      assert(await page.getByText(APP_INFO.logDir).isVisible(), "log folder shown");
    });

    await check("System theme follows OS colour scheme and contrast", async () => {
      const expectTheme = async (want) => {
        try {
          await page.waitForFunction((t) => document.documentElement.dataset.theme === t, want, { timeout: WAIT });
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
        await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor({ timeout: WAIT });
        const checked = await page.getByRole("radio", { checked: true }).getAttribute("value");
        assert(checked === theme, `checked radio ${checked}`);
        await page.screenshot({ path: join(outDir, `settings-${theme}.png`) });
        await axe(page, `settings ${theme}`);
      });
    }

    await check("settings: passwords move to an encrypted file (validated passphrase) and back", async () => {
      await page.keyboard.press("Control+8");
      const section = page.getByTestId("password-storage");
      await section.getByText("kept in the system keychain").waitFor({ timeout: WAIT });
      await section.getByTestId("use-encrypted-file").click();
      await section.getByTestId("passphrase-input").fill("correct horse");
      await section.getByTestId("passphrase-confirm").fill("correct hose");
      await section.getByTestId("passphrase-submit").click();
      await section.getByText("The two passphrases differ").waitFor({ timeout: WAIT });
      assert((await section.getByTestId("passphrase-input").getAttribute("aria-invalid")) === "true", "marked invalid");
      await axe(page, "settings passphrase form");
      await section.getByTestId("passphrase-confirm").fill("correct horse");
      await section.getByTestId("passphrase-submit").click();
      await section.getByText(/kept in an encrypted file: .*secrets\.vault/).waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(outDir, "settings-passwords-file.png"), fullPage: true });
      await axe(page, "settings passwords in a file");
      await section.getByTestId("use-keychain").click();
      await section.getByText("kept in the system keychain").waitFor({ timeout: WAIT });
    });

    await check("settings: team sign-in (a refusal explained), sharing with fingerprints, admin screens, sign-out", async () => {
      await page.keyboard.press("Control+8");
      const section = page.getByTestId("team-settings");
      const form = section.getByTestId("team-sign-in");
      await form.waitFor({ timeout: WAIT });
      await form.getByLabel("Team server").fill("https://team.example.com");
      await form.getByLabel("Email").fill("ana@example.com");
      await form.getByLabel("Password").fill("wrong");
      await form.getByTestId("team-submit").click();
      await section.getByTestId("team-error").getByText("Wrong email or password.").waitFor({ timeout: WAIT });
      await form.getByLabel("Password").fill("ana-password-1");
      await form.getByTestId("team-submit").click();
      await section.getByTestId("team-who").getByText("Ana Realty").waitFor({ timeout: WAIT });
      assert((await section.getByTestId("team-fingerprint").textContent()) === "3f2a 91c0 7be4 05d1", "my fingerprint");
      await section.getByTestId("team-share-connection").selectOption({ label: "Coastal MLS" });
      const bo = section.getByLabel("bo@example.com may use it");
      await bo.waitFor({ timeout: WAIT });
      await section.getByText("9b1c 22d0 aa31 7e45").waitFor({ timeout: WAIT });
      await bo.check();
      await section.getByTestId("team-share-save").click();
      await section.getByText("Access saved.").waitFor({ timeout: WAIT });
      await section.getByText("Shared; key version 1.", { exact: false }).waitFor({ timeout: WAIT });
      await section.getByTestId("team-admin").getByText("bo@example.com").waitFor({ timeout: WAIT });
      await section.getByLabel("Role of bo@example.com").selectOption("power");
      await section.getByText("Role changed.").waitFor({ timeout: WAIT });
      await section.getByLabel("Rows per query for basic").fill("500");
      await section.getByLabel("Queries per day for basic").focus();
      await section.getByText("Limits of basic saved.").waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(outDir, "settings-team.png"), fullPage: true });
      await axe(page, "settings team signed in");
      await section.getByTestId("team-sign-out").click();
      await form.waitFor({ timeout: WAIT });
      assert((await form.getByLabel("Team server").inputValue()) === "https://team.example.com", "server kept");
    });

    await check("connections: list, built-in badge, test shows diagnosis steps", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-connections").click();
      await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor({ timeout: WAIT });
      await page.getByTestId("connection-demo").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("connection-demo").textContent()).includes("Built in"), "Built in badge");
      await page.getByTestId("connection-test").click();
      await page.getByTestId("diagnosis-step").nth(4).waitFor({ timeout: WAIT });
      const statuses = await page.getByTestId("diagnosis-step").evaluateAll((els) => els.map((e) => e.dataset.status));
      assert(statuses.join() === "ok,ok,warning,ok,ok", `statuses ${statuses}`);
      assert((await page.getByTestId("diagnosis-step").nth(2).textContent()).includes("Warning"), "status as text");
    });

    for (const theme of THEMES) {
      await check(`connections in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `connections-${theme}.png`) });
        await axe(page, `connections ${theme}`);
      });
    }

    await check("connections: using another connection makes it current", async () => {
      await page.getByTestId("connection-coastal").click();
      await page.getByTestId("connection-use").click();
      await page.getByText("Metadata and Query use this connection.").waitFor({ timeout: WAIT });
      await page.getByTestId("connection-demo").click();
      await page.getByTestId("connection-use").click();
      assert((await page.getByTestId("connection-use").textContent()).includes("Current connection"), "demo current");
    });

    await check("connections: new connection form validates, saves with a template, then edit and delete", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-connections").click();
      await page.getByTestId("connection-new").click();
      const form = page.getByTestId("connection-form");
      await form.waitFor({ timeout: WAIT });
      await page.getByTestId("connection-save").click();
      await form.getByText("Give the connection a name.").waitFor({ timeout: WAIT });
      await form.getByLabel("Vendor template").selectOption("flexmls");
      assert(await form.getByText(/Defaults for FlexMLS; check your MLS's welcome letter/).isVisible(), "template note");
      await form.getByLabel("Name", { exact: true }).fill("Locked");
      await form.getByLabel("Login URL").fill("https://rets.valley.example/login");
      await form.getByLabel("User name").fill("ana");
      await form.getByLabel("Password", { exact: true }).fill("pw");
      await page.getByTestId("connection-save").click();
      await form.getByText("The system keychain is locked.").waitFor({ timeout: WAIT });
      const offer = page.getByTestId("passphrase-offer");
      await offer.getByTestId("passphrase-input").waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(outDir, "connection-form-error-light.png"), fullPage: true });
      await axe(page, "connection form error");
      await form.getByLabel("Name", { exact: true }).fill("Valley MLS");
      await page.getByTestId("connection-save").click();
      await page.getByTestId("connection-c3").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("connection-c3").getAttribute("aria-pressed")) === "true", "new one selected");
      await page.getByTestId("connection-edit").click();
      assert((await form.getByLabel("Password", { exact: true }).getAttribute("placeholder")) === "leave empty to keep", "keep hint");
    });

    for (const theme of THEMES) {
      await check(`connection form in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `connection-form-${theme}.png`), fullPage: true });
        await axe(page, `connection form ${theme}`);
      });
    }

    await check("connections: delete asks first, then removes the connection", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("connection-delete").click();
      await page.getByRole("alertdialog").waitFor({ timeout: WAIT });
      await axe(page, "delete confirmation");
      await page.getByTestId("connection-delete-confirm").click();
      await page.getByTestId("connection-c3").waitFor({ state: "detached", timeout: WAIT });
      await page.getByTestId("connection-demo").click();
    });

    await check("metadata: tree, fields, search, lookup dialog", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-metadata").click();
      await page.getByTestId("metadata-class-Residential").waitFor({ timeout: WAIT });
      const rows = page.getByTestId("metadata-field-row");
      await rows.nth(20).waitFor({ timeout: WAIT });
      assert((await rows.count()) === 21, `field rows ${await rows.count()}`);
      await page.getByTestId("metadata-search").fill("price");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="metadata-field-row"]').length === 2);
      await page.getByTestId("metadata-search").fill("");
      await page.getByTestId("metadata-class-Condo").click();
      await page.getByRole("heading", { level: 2, name: "Property / Condo" }).waitFor({ timeout: WAIT });
      await page.getByTestId("metadata-class-Residential").click();
      await page.getByRole("button", { name: "Show values of lookup STATUS" }).click();
      const dialog = page.getByRole("dialog", { name: /Lookup STATUS/ });
      await dialog.waitFor({ timeout: WAIT });
      assert((await page.getByTestId("lookup-value-row").count()) === 5, "STATUS has 5 values");
      await page.screenshot({ path: join(outDir, "metadata-lookup-light.png") });
      await axe(page, "metadata lookup dialog");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    });

    await check(`metadata: a ${WIDE_FIELDS}-field class renders and filters quickly`, async () => {
      let started = Date.now();
      await page.getByTestId("metadata-class-Wide").click();
      await page.getByTestId("metadata-field-row").nth(WIDE_FIELDS - 1).waitFor({ timeout: WAIT });
      const render = Date.now() - started;
      started = Date.now();
      await page.getByTestId("metadata-search").fill("number 2499");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="metadata-field-row"]').length === 1);
      const filter = Date.now() - started;
      await page.getByTestId("metadata-search").fill("");
      await page.getByTestId("metadata-field-row").nth(WIDE_FIELDS - 1).waitFor({ timeout: WAIT });
      await page.getByTestId("metadata-class-Residential").click();
      console.log(`     ${WIDE_FIELDS} fields: render ${render} ms, filter ${filter} ms`);
      assert(render < 3000 && filter < 1000, `too slow: render ${render} ms, filter ${filter} ms`);
    });

    for (const theme of THEMES) {
      await check(`metadata in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `metadata-${theme}.png`) });
        await axe(page, `metadata ${theme}`);
      });
    }

    await check("query: builder writes DMQL, live count, Ctrl+Enter preview", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-query").click();
      await page.getByTestId("query-resource").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("query-resource").inputValue()) === "Property", "resource default");
      assert((await page.getByTestId("query-class").inputValue()) === "Residential", "class default");
      await page.getByRole("button", { name: "Add rule to all rules" }).click();
      await page.getByLabel("Rule 1 field").selectOption("LIST_PRICE");
      await page.getByLabel("Rule 1 from").fill("300000");
      await page.getByRole("button", { name: "Add rule to all rules" }).click();
      await page.getByLabel("Rule 2 field").selectOption("STATUS");
      await page.getByRole("checkbox", { name: /Active/ }).check();
      await page.getByRole("checkbox", { name: /Pending/ }).check();
      const text = await page.getByTestId("query-text").inputValue();
      assert(text === "(LIST_PRICE=300000+),(STATUS=|A,P)", `DMQL ${text}`);
      await page.getByText("≈ 1,234 matching records").waitFor({ timeout: WAIT });
      // Drag rule 2 onto rule 1, then move it back down from the keyboard.
      await page.locator(".rule .drag-handle").nth(1).dragTo(page.getByTestId("query-rule").first());
      const dragged = await page.getByTestId("query-text").inputValue();
      assert(dragged === "(STATUS=|A,P),(LIST_PRICE=300000+)", `after drag ${dragged}`);
      await page.getByRole("button", { name: "Move rule 1 down" }).focus();
      await page.keyboard.press("Enter");
      const moved = await page.getByTestId("query-text").inputValue();
      assert(moved === "(LIST_PRICE=300000+),(STATUS=|A,P)", `after move ${moved}`);
      const focused = await page
        .waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Move rule 2 up", null, { timeout: WAIT })
        .then(() => "Move rule 2 up")
        .catch(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")));
      assert(focused === "Move rule 2 up", `focus after move: ${focused}`);
      await page.getByTestId("query-text").focus();
      await page.keyboard.press("Control+Enter");
      await page.getByTestId("preview-row").nth(49).waitFor({ timeout: WAIT });
      assert((await page.getByTestId("preview-row").count()) === 50, "50 preview rows");
      await page.getByRole("checkbox", { name: "Decoded lookup values" }).check();
      assert(await page.getByTestId("preview-table").getByText("Active").first().isVisible(), "decoded status");
    });

    for (const theme of THEMES) {
      await check(`query in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `query-${theme}.png`), fullPage: true });
        await axe(page, `query ${theme}`);
      });
    }

    await check("query: hand edits show issues with positions and out-of-sync", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("query-text").fill("(LIST_PRICE=300000+),(NOPE=1)");
      await page.getByTestId("query-out-of-sync").waitFor({ timeout: WAIT });
      await page.getByTestId("query-issues").getByText("Unknown field NOPE").waitFor({ timeout: WAIT });
      const issue = await page.getByTestId("query-issues").textContent();
      assert(issue.includes("line 1, characters 23–26"), `issue text ${issue}`);
      await page.screenshot({ path: join(outDir, "query-issues-light.png") });
      await axe(page, "query issues");
      await page.getByRole("button", { name: "Rebuild from builder" }).click();
      const text = await page.getByTestId("query-text").inputValue();
      assert(text === "(LIST_PRICE=300000+),(STATUS=|A,P)", `rebuilt ${text}`);
    });

    await check("palette: Ctrl+K opens a combobox dialog, typing filters, Up/Down/Enter navigate; axe in three themes", async () => {
      const palette = page.getByTestId("command-palette");
      const input = page.getByRole("combobox", { name: "Type a command" });
      for (const theme of THEMES) {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.locator("main").focus();
        await page.keyboard.press("Control+k");
        await palette.waitFor({ state: "visible", timeout: WAIT });
        assert(await input.evaluate((el) => el === document.activeElement), "focus starts in the palette input");
        await page.screenshot({ path: join(outDir, `palette-${theme}.png`) });
        await axe(page, `palette ${theme}`);
        await page.keyboard.press("Escape");
        await palette.waitFor({ state: "hidden", timeout: WAIT });
      }
      await page.getByTestId("theme-select").selectOption("light");
      await page.locator("main").focus();
      await page.keyboard.press("Control+k");
      await palette.waitFor({ state: "visible", timeout: WAIT });
      const listbox = await input.getAttribute("aria-controls");
      assert((await page.locator(`#${listbox.replaceAll(":", "\\:")}`).getAttribute("role")) === "listbox", "combobox controls a listbox");
      const all = await page.getByTestId("palette-option").count();
      assert(all >= 15, `every main action listed (${all})`);
      const activeText = () =>
        page.evaluate(() => document.getElementById(document.activeElement?.getAttribute("aria-activedescendant") ?? "")?.textContent ?? "");
      await input.fill("metdata");
      assert((await activeText()).includes("Go to Metadata"), `first match ${await activeText()}`);
      assert((await activeText()).includes("Ctrl+3"), "the entry shows its shortcut");
      await input.fill("run");
      const first = await activeText();
      await page.keyboard.press("ArrowDown");
      const second = await activeText();
      assert(first !== second && /Run (count|preview)/.test(second), `ArrowDown moves: ${first} → ${second}`);
      await page.keyboard.press("ArrowUp");
      assert((await activeText()) === first, "ArrowUp moves back");
      await input.fill("metdata");
      await page.keyboard.press("Enter");
      await palette.waitFor({ state: "hidden", timeout: WAIT });
      await page.getByRole("heading", { level: 1, name: "Metadata" }).waitFor({ timeout: WAIT });
      await page.keyboard.press("Control+4");
      await page.getByRole("heading", { level: 1, name: "Query" }).waitFor({ timeout: WAIT });
    });

    await check("keyboard shortcuts help (?): lists the registry's shortcuts, axe in three themes", async () => {
      const help = page.getByTestId("shortcuts-dialog");
      for (const theme of THEMES) {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.locator("main").focus();
        await page.keyboard.press("?");
        await help.waitFor({ state: "visible", timeout: WAIT });
        const rows = await help.getByTestId("shortcut-row").allTextContents();
        assert(rows.includes("Command paletteCtrl+K") && rows.includes("Save query…Ctrl+S"), `rows ${rows.join(" | ")}`);
        await page.screenshot({ path: join(outDir, `shortcuts-${theme}.png`) });
        await axe(page, `shortcuts ${theme}`);
        await page.keyboard.press("Escape");
        await help.waitFor({ state: "hidden", timeout: WAIT });
      }
      await page.getByTestId("theme-select").selectOption("light");
    });

    await check("query: Ctrl+S saves, Saved & history lists it and the recorded runs, loading restores, name taken → overwrite, delete; axe in three themes and 1024×700", async () => {
      const text = await page.getByTestId("query-text").inputValue();
      await page.locator("main").focus();
      await page.keyboard.press("Control+s");
      const dialog = page.getByTestId("save-query-dialog");
      await dialog.waitFor({ state: "visible", timeout: WAIT });
      await page.getByTestId("save-query-submit").click();
      await page.getByTestId("save-query-problem").waitFor({ timeout: WAIT });
      await axe(page, "save query dialog with a problem");
      await page.getByTestId("save-query-name").fill("Big actives");
      await page.keyboard.press("Enter");
      await dialog.waitFor({ state: "hidden", timeout: WAIT });
      await page.getByTestId("query-saved-toggle").click();
      const panel = page.getByTestId("query-saved-panel");
      await panel.getByTestId("saved-query").first().waitFor({ timeout: WAIT });
      assert((await panel.getByTestId("saved-query").first().getAttribute("data-name")) === "Big actives", "saved name");
      const kinds = await panel.getByTestId("history-entry").evaluateAll((els) => els.map((el) => el.dataset.kind));
      assert(kinds.includes("count") && kinds.includes("preview"), `history kinds ${kinds}`);
      const entry = await panel.getByTestId("history-entry").first().textContent();
      assert(/ms|s ·/.test(entry) && /records|rows/.test(entry), `history entry shows duration and count: ${entry}`);
      for (const theme of THEMES) {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `query-saved-${theme}.png`), fullPage: true });
        await axe(page, `query saved & history ${theme}`);
      }
      await page.getByTestId("theme-select").selectOption("light");

      await page.getByTestId("query-text").fill("(BEDS=3+)");
      await panel.getByTestId("saved-query-load").first().focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction((want) => document.querySelector('[data-testid="query-text"]')?.value === want, text, { timeout: WAIT });
      assert(!(await page.getByTestId("query-out-of-sync").isVisible()), "a saved builder query loads back into the builder");

      // A history entry is no saved query: saving it under the same name asks first.
      await panel.getByTestId("history-entry").first().getByRole("button").click();
      await page.locator("main").focus();
      await page.keyboard.press("Control+s");
      await dialog.waitFor({ state: "visible", timeout: WAIT });
      await page.getByTestId("save-query-name").fill("Big actives");
      await page.keyboard.press("Enter");
      await page.getByTestId("save-query-taken").waitFor({ timeout: WAIT });
      await axe(page, "save query name taken");
      await page.getByTestId("save-query-overwrite").click();
      await dialog.waitFor({ state: "hidden", timeout: WAIT });
      assert((await panel.getByTestId("saved-query").count()) === 1, "overwritten, not duplicated");

      await page.setViewportSize({ width: 1024, height: 700 });
      await settled(page);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.screenshot({ path: join(outDir, "query-saved-1024x700.png") });
      assert(wide <= 0, `saved & history overflows horizontally by ${wide}px at 1024×700`);
      await page.setViewportSize({ width: 1280, height: 820 });

      await panel.getByTestId("saved-query-delete").first().click();
      await panel.getByTestId("saved-query-delete-confirm").click();
      await panel.getByText(/No saved queries yet/).waitFor({ timeout: WAIT });
      await page.getByTestId("query-saved-toggle").click();
    });

    await check("jobs: download Land with progress, summary, history refresh", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-jobs").click();
      await page.getByTestId("jobs-class").selectOption("Land");
      await page.getByText("Not downloaded yet.").waitFor({ timeout: WAIT });
      await page.getByTestId("jobs-start").click();
      const card = page.getByTestId("job-card").first();
      await page.waitForFunction(() => /Fetch: \d/.test(document.querySelector('[data-testid="job-message"]')?.textContent ?? ""), null, { timeout: WAIT });
      assert((await card.getAttribute("data-state")) === "running", "running while fetching");
      const bar = await page.getByRole("progressbar", { name: "Download progress of Property / Land" }).getAttribute("value");
      assert(Number(bar) > 0 && Number(bar) < 100, `progress value ${bar}`);
      await page.screenshot({ path: join(outDir, "jobs-running-light.png") });
      await axe(page, "jobs running");
      await page.waitForFunction(() => document.querySelector('[data-testid="job-card"]')?.dataset.state === "finished", null, { timeout: WAIT });
      const summary = await card.getByTestId("job-message").textContent();
      assert(summary.includes("Downloaded 1,200 records"), `summary ${summary}`);
      const details = await card.locator("details.task-notes").textContent();
      assert(details.includes("Metadata changed") && details.includes("POOL_YN"), `details ${details}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="sync-history-row"]').length === 1, null, { timeout: WAIT });
    });

    await check("jobs: a second job queues in the list and Cancel stops it", async () => {
      await page.getByTestId("jobs-class").selectOption("Condo");
      await page.getByTestId("jobs-start").click();
      await page.getByTestId("job-cancel").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("job-card").count()) === 2, "two job cards");
      await page.waitForFunction(() => document.querySelector('[data-testid="job-card"]')?.dataset.state === "running", null, { timeout: WAIT });
      await page.getByTestId("job-cancel").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="job-card"]')?.dataset.state === "cancelled", null, { timeout: WAIT });
      await page.getByTestId("sync-history-row").first().waitFor({ timeout: WAIT });
      const status = await page.getByTestId("sync-history-row").first().getAttribute("data-status");
      assert(status === "cancelled", `history status ${status}`);
    });

    for (const theme of THEMES) {
      await check(`jobs in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `jobs-${theme}.png`), fullPage: true });
        await axe(page, `jobs ${theme}`);
      });
    }

    await check("results: a million rows, virtualised, scrolling fetches the middle page", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("nav-results").click();
      await page.getByTestId("results-class").selectOption("Residential");
      await page.getByText("1,000,000").first().waitFor({ timeout: WAIT });
      assert((await page.getByTestId("results-total").textContent()).includes("1,000,000 records"), "total");
      const rowsAtTop = await page.getByTestId("results-row").count();
      assert(rowsAtTop > 5 && rowsAtTop < 60, `rows in DOM at top: ${rowsAtTop}`);
      const started = Date.now();
      // 28M px of rows: past the body height cap, so the scroll position is scaled.
      await page.getByTestId("results-grid").evaluate((el) => { el.scrollTop = (el.scrollHeight - el.clientHeight) / 2; });
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="results-row"]')].some((r) => /^L(499|500)\d{3}/.test(r.textContent)),
        null,
        { timeout: WAIT },
      );
      const elapsed = Date.now() - started;
      const offsets = await page.evaluate(() => window.__replicaOffsets);
      const middle = Number(await page.getByTestId("results-row").nth(8).getAttribute("data-index"));
      const middlePage = Math.floor(middle / 200) * 200;
      assert(Math.abs(middle - 500000) < 1000, `row in the middle ${middle}`);
      assert(offsets.includes(middlePage), `page of row ${middle} not fetched: ${offsets.slice(-5).join(",")}`);
      assert(offsets.length < 12, `fetched too many pages: ${offsets.length}`);
      const rowsInMiddle = await page.getByTestId("results-row").count();
      assert(rowsInMiddle < 60, `rows in DOM in the middle: ${rowsInMiddle}`);
      const rowIndex = await page.getByTestId("results-row").first().getAttribute("aria-rowindex");
      assert(Number(rowIndex) > 499000, `aria-rowindex ${rowIndex}`);
      console.log(`     middle of 1,000,000 rows shown in ${elapsed} ms with ${rowsInMiddle} rows in the DOM`);
      await page.screenshot({ path: join(outDir, "results-middle-light.png") });
    });

    await check("results: keyboard moves the active cell, detail panel, sort header", async () => {
      await page.getByTestId("results-grid").focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowRight");
      await page.getByTestId("results-detail").waitFor({ timeout: WAIT });
      const active = await page.evaluate(() => {
        const grid = document.querySelector('[data-testid="results-grid"]');
        return document.getElementById(grid.getAttribute("aria-activedescendant"))?.textContent;
      });
      assert(active?.startsWith("DM"), `active cell text ${active}`);
      const placement = await page.evaluate(() => {
        const grid = document.querySelector('[data-testid="results-grid"]');
        const cell = document.getElementById(grid.getAttribute("aria-activedescendant")).getBoundingClientRect();
        const head = grid.querySelector(".grid-head").getBoundingClientRect();
        const box = grid.getBoundingClientRect();
        return { cellTop: cell.top, cellBottom: cell.bottom, headBottom: head.bottom, boxBottom: box.bottom };
      });
      assert(
        placement.cellTop >= placement.headBottom - 1 && placement.cellBottom <= placement.boxBottom + 1,
        `active cell hidden: ${JSON.stringify(placement)}`,
      );
      for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowDown");
      // The scroll follows in an effect after the render (and rows may still be
      // loading on a busy machine): wait for it rather than sampling once.
      const below = await page
        .waitForFunction(
          () => {
            const grid = document.querySelector('[data-testid="results-grid"]');
            const cell = document.getElementById(grid.getAttribute("aria-activedescendant"))?.getBoundingClientRect();
            return cell ? cell.bottom <= grid.getBoundingClientRect().bottom + 1 : false;
          },
          undefined,
          { timeout: WAIT },
        )
        .then(() => true, () => false);
      assert(below, "active cell followed by the scroll after 30 × ArrowDown");
      assert((await page.getByTestId("results-detail").textContent()).includes("Living Area (sq ft)"), "long names in detail");
      await page.screenshot({ path: join(outDir, "results-detail-light.png") });
      await axe(page, "results with detail");
      await page.getByTestId("results-grid").evaluate((el) => { el.scrollTop = 0; });
      const header = page.getByRole("columnheader", { name: /List Price/ });
      await header.getByRole("button").click();
      await header.getByRole("button").click();
      assert((await header.getAttribute("aria-sort")) === "descending", "sorted descending");
      await page.waitForFunction(
        () => document.querySelector('[data-testid="results-row"]')?.textContent.startsWith("L999999"),
        null,
        { timeout: WAIT },
      );
    });

    for (const theme of THEMES) {
      await check(`results in ${theme}: screenshot, axe`, async () => {
        await page.getByTestId("theme-select").selectOption(theme);
        await page.screenshot({ path: join(outDir, `results-${theme}.png`) });
        await axe(page, `results ${theme}`);
      });
    }

    await check("results: Export dialog (Ctrl+E): modal with focus inside, axe in three themes, progress, finishing, result, error, Esc", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByTestId("results-grid").focus();
      await page.keyboard.press("Control+e");
      const dialog = page.getByTestId("export-dialog");
      await dialog.waitFor({ timeout: WAIT });
      assert(await dialog.evaluate((d) => d.open && d.matches(":modal")), "export dialog is modal");
      const path = page.getByTestId("export-path");
      await page.waitForFunction(() => document.querySelector('[data-testid="export-path"]')?.value.endsWith("Residential-2026-11-27.xlsx"), null, { timeout: WAIT });
      assert(await dialog.evaluate((d) => d.contains(document.activeElement)), "focus is inside the dialog");
      for (const theme of THEMES) {
        await page.getByTestId("theme-select").evaluate((el, value) => {
          el.value = value;
          el.dispatchEvent(new Event("change", { bubbles: true }));
        }, theme);
        await page.screenshot({ path: join(outDir, `export-dialog-${theme}.png`) });
        await axe(page, `export dialog ${theme}`);
      }
      await page.getByTestId("theme-select").evaluate((el) => {
        el.value = "light";
        el.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await page.getByTestId("export-format-csv").check();
      await page.getByTestId("export-delimiter").waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="export-path"]')?.value.endsWith("Residential-2026-11-27.csv"), null, { timeout: WAIT });
      await page.getByTestId("export-browse").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="export-path"]')?.value === "/home/ana/Documents/picked.csv", null, { timeout: WAIT });
      await page.getByTestId("export-format-xlsx").check();
      assert((await path.inputValue()) === "/home/ana/Documents/picked.xlsx", "a chosen path follows the format");
      await path.fill("/home/ana/exports/residential.xlsx");
      await page.getByTestId("export-start").click();
      await page.waitForFunction(() => /Writing rows: \d/.test(document.querySelector('[data-testid="export-message"]')?.textContent ?? ""), null, { timeout: WAIT });
      const bar = await page.getByRole("progressbar", { name: "Export progress of Property / Residential" }).getAttribute("value");
      assert(Number(bar) > 0 && Number(bar) <= 100, `export progress ${bar}`);
      await page.screenshot({ path: join(outDir, "export-running-light.png") });
      await axe(page, "export running");
      await page.waitForFunction(() => /Finishing the file/.test(document.querySelector('[data-testid="export-message"]')?.textContent ?? ""), null, { timeout: WAIT });
      await page.keyboard.press("Escape");
      assert(await dialog.evaluate((d) => d.open), "Esc does not close a running export");
      await page.waitForFunction(() => document.querySelector('[data-testid="export-result"]')?.dataset.state === "finished", null, { timeout: WAIT });
      const result = await page.getByTestId("export-result").textContent();
      assert(result.includes("Wrote 1000000 rows (12.4 MB) to /home/ana/exports/residential.xlsx.") && result.includes("truncated"), `result ${result}`);
      const sent = await page.evaluate(() => window.__exports.at(-1));
      assert(sent.path === "/home/ana/exports/residential.xlsx" && sent.settings.format === "xlsx" && sent.target.class === "Residential" && Array.isArray(sent.view.filters), `sent ${JSON.stringify(sent)}`);
      await page.getByTestId("export-show-folder").click();
      await page.waitForFunction(() => window.__revealed?.[0] === "/home/ana/exports/residential.xlsx", null, { timeout: WAIT });
      await page.screenshot({ path: join(outDir, "export-finished-light.png") });
      await axe(page, "export finished");
      await path.fill("/readonly/residential.xlsx");
      await page.getByTestId("export-start").click();
      await page.getByTestId("export-error").waitFor({ timeout: WAIT });
      const failed = await page.getByTestId("export-result").textContent();
      assert(failed.includes("Permission denied") && failed.includes("Choose a folder you can write to"), `error ${failed}`);
      await axe(page, "export error");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached", timeout: WAIT });
    });

    await check("results: Export can be cancelled while running", async () => {
      await page.getByTestId("export-open").click();
      await page.getByTestId("export-format-csv").check();
      await page.getByTestId("export-path").fill("/home/ana/exports/residential.csv");
      await page.getByTestId("export-start").click();
      await page.waitForFunction(() => /Writing rows/.test(document.querySelector('[data-testid="export-message"]')?.textContent ?? ""), null, { timeout: WAIT });
      await page.getByTestId("export-cancel").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="export-result"]')?.dataset.state === "cancelled", null, { timeout: WAIT });
      await page.getByTestId("export-close").click();
    });

    await check("results: Filter by spreadsheet… (modal, keyboard, mapping preview, banner with unused rows, Clear), axe in three themes", async () => {
      const setTheme = (theme) =>
        page.getByTestId("theme-select").evaluate((el, value) => {
          el.value = value;
          el.dispatchEvent(new Event("change", { bubbles: true }));
        }, theme);
      await page.getByTestId("import-open").click();
      const dialog = page.getByTestId("import-dialog");
      await dialog.waitFor({ timeout: WAIT });
      assert(await dialog.evaluate((d) => d.open && d.matches(":modal")), "import dialog is modal");
      assert(await dialog.evaluate((d) => d.contains(document.activeElement)), "focus is inside the dialog");
      await page.getByTestId("import-path").focus();
      await page.keyboard.type("/home/ana/missing.xlsx");
      await page.keyboard.press("Enter");
      await page.getByTestId("import-error").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("import-error").textContent()).includes("Check the path"), "error with a next step");
      await axe(page, "import error");
      await page.getByTestId("import-browse").click();
      await page.getByTestId("import-mapping").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("import-path").inputValue()) === "/home/ana/Documents/wish.xlsx", "Choose… fills the path");
      assert((await page.getByTestId("import-key-column").inputValue()) === "B", "key column guessed from the header");
      const marked = await page.getByTestId("import-preview").locator("th[data-chosen]").allTextContents();
      assert(marked.length === 1 && marked[0].startsWith("B · MLS #"), `marked ${JSON.stringify(marked)}`);
      for (const theme of THEMES) {
        await setTheme(theme);
        await page.screenshot({ path: join(outDir, `import-dialog-${theme}.png`) });
        await axe(page, `import dialog ${theme}`);
      }
      await setTheme("light");
      // Keyboard only: the address radio, then back to keys, then Tab to Apply.
      await page.getByTestId("import-mode-keys").focus();
      await page.keyboard.press("ArrowDown");
      await page.getByTestId("import-address-column-0").waitFor({ timeout: WAIT });
      await page.keyboard.press("ArrowUp");
      await page.getByTestId("import-key-column").waitFor({ timeout: WAIT });
      await page.getByTestId("import-close").focus();
      await page.keyboard.press("Tab");
      assert(await page.getByTestId("import-apply").evaluate((el) => el === document.activeElement), "Tab reaches Apply");
      await page.keyboard.press("Enter");
      await dialog.waitFor({ state: "detached", timeout: WAIT });
      const sent = await page.evaluate(() => window.__imports.at(-1));
      assert(sent.keyColumn === "B" && sent.sheet === "Wish list" && sent.hasHeader === true, `mapping ${JSON.stringify(sent)}`);
      const banner = page.getByTestId("import-banner");
      await banner.waitFor({ timeout: WAIT });
      assert((await banner.textContent()).includes("Filtered by wish.xlsx: 3 of 4 keys found"), await banner.textContent());
      await page.waitForFunction(() => document.querySelector('[data-testid="results-total"]')?.textContent.startsWith("3 records"), null, { timeout: WAIT });
      await page.getByTestId("import-problems").locator("summary").focus();
      await page.keyboard.press("Enter");
      const problem = await page.getByTestId("import-problems").locator("tbody tr").first().textContent();
      assert(problem.includes("Wish list") && problem.includes("5") && problem.includes("X9"), `problem ${problem}`);
      for (const theme of THEMES) {
        await setTheme(theme);
        await page.screenshot({ path: join(outDir, `import-banner-${theme}.png`) });
        await axe(page, `import banner ${theme}`);
      }
      await setTheme("light");
      await page.getByTestId("import-clear").click();
      await banner.waitFor({ state: "detached", timeout: WAIT });
      await page.waitForFunction(() => !document.querySelector('[data-testid="results-total"]')?.textContent.startsWith("3 records"), null, { timeout: WAIT });
    });

    await check("jobs: the exports started in Results are listed with their file and outcome", async () => {
      await page.getByTestId("nav-jobs").click();
      const exports = page.getByTestId("job-card").filter({ hasText: "Export of Property / Residential" });
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="job-card"]')].filter((c) => c.textContent.includes("Export of Property / Residential")).length === 3,
        null,
        { timeout: WAIT },
      );
      const states = await exports.evaluateAll((cards) => cards.map((c) => c.dataset.state).sort());
      assert(states.join() === "cancelled,failed,finished", `export states ${states}`);
      const text = await page.locator('[data-testid="job-card"][data-state="finished"]').filter({ hasText: "Export of Property / Residential" }).textContent();
      assert(text.includes("/home/ana/exports/residential.xlsx") && text.includes("Demo MLS") && text.includes("Wrote 1000000 rows"), `finished export ${text}`);
      await axe(page, "jobs with exports");
      await page.getByTestId("nav-results").click();
      await page.getByTestId("results-total").waitFor({ timeout: WAIT });
    });

    await check("results: listing photo gallery (empty, photos with Left/Right, error with Retry), axe in three themes", async () => {
      const run = await openApp(browser, url);
      const p = run.page;
      await p.getByTestId("nav-results").click();
      await p.getByTestId("results-class").selectOption("Residential");
      await p.getByText("1,000,000").first().waitFor({ timeout: WAIT });
      const grid = p.getByTestId("results-grid");
      await grid.focus();
      await p.getByTestId("photo-empty").waitFor({ timeout: WAIT });
      assert((await p.getByTestId("photo-empty").textContent()) === "This listing has no photos.", "L0 has none");
      for (let i = 0; i < 3; i++) await p.keyboard.press("ArrowDown");
      const view = p.getByTestId("photo-view");
      await view.waitFor({ timeout: WAIT });
      const alt = await view.getByRole("img").getAttribute("alt");
      assert(alt === "Listing L3, photo 1 of 3: Front of the house", `alt ${alt}`);
      assert((await p.getByTestId("photo-thumb").count()) === 3, "three thumbnails");
      const loaded = await view.getByRole("img").evaluate((img) => img.complete && img.naturalWidth > 0);
      assert(loaded, "the data: URL image loads under the CSP");
      await p.getByTestId("photo-thumb").first().focus();
      await p.keyboard.press("ArrowRight");
      const second = await view.getByRole("img").getAttribute("alt");
      assert(second === "Listing L3, photo 2 of 3", `after ArrowRight ${second}`);
      const focused = await p.evaluate(() => document.activeElement?.getAttribute("aria-label"));
      assert(focused === "Photo 2 of 3", `focus follows: ${focused}`);
      for (const theme of THEMES) {
        await p.getByTestId("theme-select").selectOption(theme);
        await p.screenshot({ path: join(outDir, `results-photos-${theme}.png`) });
        await axe(p, `results photos ${theme}`);
      }
      await grid.focus();
      for (let i = 0; i < 4; i++) await p.keyboard.press("ArrowDown");
      const error = p.getByTestId("photo-error");
      await error.waitFor({ timeout: WAIT });
      const text = await error.textContent();
      assert(text.includes("connection reset") && text.includes("Test connection"), `photo error ${text}`);
      await axe(p, "results photo error");
      await p.screenshot({ path: join(outDir, "results-photo-error.png") });
      await run.context.close();
    });

    await check("results: 5,000,000 rows past the height cap: Ctrl+End, scrollbar end and middle, Ctrl+Home", async () => {
      const run = await openApp(browser, url, { replicaTotal: 5000000 });
      const p = run.page;
      await p.getByTestId("nav-results").click();
      await p.getByTestId("results-class").selectOption("Residential");
      await p.getByText("5,000,000").first().waitFor({ timeout: WAIT });
      const grid = p.getByTestId("results-grid");
      const height = await grid.evaluate((el) => el.scrollHeight);
      assert(height <= 10_100_000, `scroll height ${height} is capped`);
      // Every shown row holds its own record, fully inside the box below the head.
      const shown = () =>
        p.evaluate(() => {
          const el = document.querySelector('[data-testid="results-grid"]');
          const box = el.getBoundingClientRect();
          const head = el.querySelector(".grid-head").getBoundingClientRect();
          return [...el.querySelectorAll('[data-testid="results-row"]')]
            .map((r) => ({ index: Number(r.dataset.index), text: r.textContent, rect: r.getBoundingClientRect() }))
            .filter((r) => r.rect.top >= head.bottom - 1 && r.rect.bottom <= box.bottom + 1)
            .map((r) => ({ index: r.index, key: r.text.split(/\s|D/)[0] }));
        });
      const waitRow = (index) =>
        p.waitForFunction(
          (i) => [...document.querySelectorAll('[data-testid="results-row"]')].some((r) => r.dataset.index === String(i) && r.textContent.startsWith(`L${i}`)),
          index,
          { timeout: WAIT },
        );
      await grid.focus();
      await p.keyboard.press("Control+End");
      await waitRow(4999999);
      let rows = await shown();
      assert(rows.some((r) => r.index === 4999999), `last row not in view: ${JSON.stringify(rows.slice(-3))}`);
      const active = await p.evaluate(() => {
        const el = document.querySelector('[data-testid="results-grid"]');
        return document.getElementById(el.getAttribute("aria-activedescendant"))?.closest('[role="row"]')?.dataset.index;
      });
      assert(active === "4999999", `active row ${active}`);
      await p.screenshot({ path: join(outDir, "results-5m-end-light.png") });

      await p.keyboard.press("Control+Home");
      await waitRow(0);
      rows = await shown();
      assert(rows[0]?.index === 0, `first row after Ctrl+Home: ${JSON.stringify(rows.slice(0, 2))}`);

      // The scrollbar: dragged to the end, then to the middle.
      await grid.evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await waitRow(4999999);
      rows = await shown();
      assert(rows.at(-1)?.index === 4999999, `last row at the scrollbar's end: ${JSON.stringify(rows.slice(-2))}`);
      await grid.evaluate((el) => { el.scrollTop = (el.scrollHeight - el.clientHeight) / 2; });
      await p.waitForFunction(
        () => {
          const rendered = [...document.querySelectorAll('[data-testid="results-row"]')];
          return rendered.some((r) => /^L2[45]\d{5}/.test(r.textContent)) && rendered.every((r) => !r.hasAttribute("aria-busy"));
        },
        null,
        { timeout: WAIT },
      );
      rows = await shown();
      assert(rows.length > 10 && Math.abs(rows[0].index - 2500000) < 2000, `middle rows: ${JSON.stringify(rows.slice(0, 2))}`);
      for (const r of rows) assert(r.key === `L${r.index}`, `row ${r.index} shows ${r.key}`);
      for (let i = 1; i < rows.length; i++) assert(rows[i].index === rows[i - 1].index + 1, "consecutive rows");
      await p.screenshot({ path: join(outDir, "results-5m-middle-light.png") });
      await axe(p, "results 5M middle");
      await run.context.close();
    });

    await check("results: filter row narrows the total; column chooser hides and moves columns; decoded lookups", async () => {
      await page.getByTestId("theme-select").selectOption("light");
      await page.getByLabel("Minimum List Price").fill("400000");
      await page.getByText("4,321").waitFor({ timeout: WAIT });
      assert((await page.getByTestId("results-total").textContent()).includes("match the filters"), "filtered total");
      await page.getByLabel("Minimum List Price").fill("");
      await page.getByText("1,000,000").first().waitFor({ timeout: WAIT });
      await page.getByText(/^Columns \(/).click();
      await page.getByRole("checkbox", { name: /MLS Number/ }).uncheck();
      assert((await page.getByRole("columnheader").count()) === 11, "11 columns shown");
      const headers = async () => (await page.getByRole("columnheader").allTextContents()).map((t) => t.trim());
      const statusAt = (await headers()).findIndex((t) => t.startsWith("Status"));
      await page.getByRole("button", { name: "Move Status left" }).click();
      const moved = (await headers()).findIndex((t) => t.startsWith("Status"));
      assert(moved === statusAt - 1, `Status moved left: ${statusAt} → ${moved}`);
      await page.screenshot({ path: join(outDir, "results-columns-light.png") });
      await axe(page, "results column chooser");
      await page.getByText(/^Columns \(/).click();
      const statusCell = () => page.getByTestId("results-row").first().getByRole("gridcell").nth(moved).textContent();
      assert((await statusCell()) === "A", `raw code, got ${await statusCell()}`);
      await page.getByTestId("results-decoded").check();
      assert((await statusCell()) === "Active", `decoded, got ${await statusCell()}`);
      await page.getByTestId("results-decoded").uncheck();
    });

    await check("results: a class not downloaded offers Download it first → Jobs preselected", async () => {
      await page.getByTestId("results-class").selectOption("Condo");
      await page.getByRole("button", { name: "Download it first" }).click();
      await page.getByRole("heading", { level: 1, name: "Jobs" }).waitFor({ timeout: WAIT });
      assert((await page.getByTestId("jobs-class").inputValue()) === "Condo", "Condo preselected");
    });

    for (const [area, ids] of [
      ["connections", ["connection-demo", "connection-coastal", "connection-use", "connection-test"]],
      ["metadata", ["metadata-refresh", "metadata-class-Residential", "metadata-class-Agent", "metadata-search"]],
    ]) {
      await check(`${area} screen is keyboard reachable`, async () => {
        await page.getByTestId(`nav-${area}`).click();
        await page.getByTestId(ids[0]).waitFor({ timeout: WAIT });
        await page.getByTestId(`nav-${area}`).focus();
        const seen = new Set();
        for (let i = 0; i < 30; i++) {
          await page.keyboard.press("Tab");
          const id = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
          if (id) seen.add(id);
        }
        for (const id of ids) assert(seen.has(id), `${id} not reached by Tab (saw ${[...seen].join(", ")})`);
      });
    }

    await check("query screen is keyboard reachable", async () => {
      await page.getByTestId("nav-query").click();
      await page.getByTestId("nav-query").focus();
      const seen = new Set();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        const id = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        if (id) seen.add(id);
      }
      for (const id of ["query-resource", "query-class", "query-text", "query-run"]) {
        assert(seen.has(id), `${id} not reached by Tab (saw ${[...seen].join(", ")})`);
      }
    });

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
      await page.keyboard.press("Control+8");
      await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor({ timeout: WAIT });
      await page.getByTestId("nav-analytics").click({ force: true });
      await page.keyboard.press("Control+7");
      assert(await page.getByRole("heading", { level: 1, name: "Settings" }).isVisible(), "still on Settings");
    });

    await check("no console errors or CSP violations", async () => {
      assert(problems.length === 0, problems.join("\n"));
    });
    await context.close();

    await check("app_info error shows message and Retry recovers", async () => {
      const run = await openApp(browser, url, { failFirst: true });
      const alert = run.page.getByRole("alert");
      await alert.waitFor({ timeout: WAIT });
      assert((await alert.textContent()).includes("Data folder is not writable"), "error message shown");
      await run.page.screenshot({ path: join(outDir, "home-error-light.png") });
      await axe(run.page, "home error");
      await run.page.getByRole("button", { name: "Retry" }).click();
      await run.page.getByTestId("app-version").waitFor({ timeout: WAIT });
      await run.context.close();
    });

    await check("metadata error shows message, next step and Retry recovers", async () => {
      const run = await openApp(browser, url, { failMetadataFirst: true });
      await run.page.getByTestId("nav-metadata").click();
      const alert = run.page.getByRole("alert");
      await alert.waitFor({ timeout: WAIT });
      const text = await alert.textContent();
      assert(text.includes("Login failed: 401") && text.includes("Test connection"), `alert text ${text}`);
      await run.page.screenshot({ path: join(outDir, "metadata-error-light.png") });
      await axe(run.page, "metadata error");
      await run.page.getByRole("button", { name: "Retry" }).click();
      await run.page.getByTestId("metadata-class-Residential").waitFor({ timeout: WAIT });
      await run.context.close();
    });

    await check("metadata offline: cached copy banner with Retry, then the changes since it, axe in three themes", async () => {
      const run = await openApp(browser, url, { metadataStatuses: [OFFLINE_STATUS, CHANGED_STATUS] });
      await run.page.getByTestId("nav-metadata").click();
      const offline = run.page.getByTestId("metadata-offline");
      await offline.waitFor({ timeout: WAIT });
      const text = await offline.textContent();
      assert(/Offline — showing metadata cached on Nov 20, 2026.*\(version 1\.12\.30\)/.test(text), `offline banner ${text}`);
      assert(text.includes("connection refused"), `reason shown: ${text}`);
      assert((await run.page.getByTestId("metadata-field-row").count()) === 21, "the cached copy is browsable");
      for (const theme of THEMES) {
        await run.page.getByTestId("theme-select").selectOption(theme);
        await run.page.screenshot({ path: join(outDir, `metadata-offline-${theme}.png`) });
        await axe(run.page, `metadata offline ${theme}`);
      }
      await run.page.getByTestId("metadata-retry").click();
      const changed = run.page.getByTestId("metadata-changed");
      await changed.waitFor({ timeout: WAIT });
      assert((await offline.count()) === 0, "offline banner gone after a successful retry");
      const summary = await changed.textContent();
      assert(summary.includes("1 class removed, 1 field added, 1 lookup value changed"), `changed banner ${summary}`);
      await run.page.getByTestId("metadata-changes-toggle").click();
      await run.page.getByTestId("metadata-change").nth(2).waitFor({ timeout: WAIT });
      for (const theme of THEMES) {
        await run.page.getByTestId("theme-select").selectOption(theme);
        await run.page.screenshot({ path: join(outDir, `metadata-changed-${theme}.png`) });
        await axe(run.page, `metadata changed ${theme}`);
      }
      await run.context.close();
    });

    await check("usable at 1024×700 without horizontal scrolling", async () => {
      const run = await openApp(browser, url, { viewport: { width: 1024, height: 700 } });
      await run.page.getByTestId("app-version").waitFor({ timeout: WAIT });
      const overflow = await run.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await run.page.screenshot({ path: join(outDir, "home-1024x700.png") });
      assert(overflow <= 0, `page overflows horizontally by ${overflow}px`);
      for (const area of ["connections", "metadata", "jobs", "results", "query"]) {
        await run.page.getByTestId(`nav-${area}`).click();
        await run.page.waitForFunction((a) => document.querySelector(`[data-testid="nav-${a}"]`)?.getAttribute("aria-current") === "page", area, { timeout: WAIT });
        await settled(run.page);
        const wide = await run.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        await run.page.screenshot({ path: join(outDir, `${area}-1024x700.png`) });
        assert(wide <= 0, `${area} overflows horizontally by ${wide}px`);
      }
      await run.page.getByRole("button", { name: "Add group to all rules" }).click();
      await run.page.getByLabel("Group 1, Rule 1 field").selectOption("LIST_DATE");
      await run.page.getByLabel("Group 1, Rule 1 from").fill("2024-01-01");
      await run.page.getByRole("button", { name: "Add rule to group 1" }).click();
      await run.page.getByLabel("Group 1, Rule 2 field").selectOption("CITY");
      await run.page.getByRole("checkbox", { name: /Palm Springs/ }).check();
      const grouped = await run.page.getByTestId("query-text").inputValue();
      assert(grouped === "((LIST_DATE=2024-01-01+)|(CITY=|PSP))", `grouped DMQL ${grouped}`);
      await run.page.screenshot({ path: join(outDir, "query-group-1024x700.png") });
      await axe(run.page, "query with group 1024");
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
