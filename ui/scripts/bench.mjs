// UI benchmark of the built UI (ui/dist) in Debian's headless Chromium, with
// the same fake IPC bridge as the browser test (scripts/ipc-mock.mjs):
//   - time to first rows: "Run preview" on the Query screen → first preview
//     row, and opening Results → first row with data;
//   - frame times (requestAnimationFrame deltas) while a 1M-row result is
//     scrolled programmatically: steady scrolling, then scrollbar jumps.
// Prints figures against the targets; it does not fail on slow figures (it
// exits non-zero only when the page itself breaks). Run `npm run build` first.
//   npm run bench -- [--rows N] [--runs N] [--latency SCALE]
// --latency scales the mock's made-up IPC delays (default 0: the UI's own cost).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP_INFO, CONNECTIONS, COUNT, METADATA, distDir, fakeTauri, launchChromium, startPreview } from "./ipc-mock.mjs";

const FIRST_ROWS_TARGET_MS = 300;
const FRAME_MS = 1000 / 60;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} takes a non-negative number`);
    process.exit(2);
  }
  return value;
}

const ROWS = option("rows", 1_000_000);
const RUNS = Math.max(1, Math.round(option("runs", 5)));
const LATENCY = option("latency", 0);

async function openApp(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, colorScheme: "light" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(fakeTauri, {
    appInfo: APP_INFO,
    failFirst: false,
    failMetadataFirst: false,
    metadata: METADATA,
    metadataStatuses: null,
    connections: CONNECTIONS,
    count: COUNT,
    replicaTotal: ROWS,
    latencyScale: LATENCY,
  });
  await page.goto(url);
  await page.getByTestId("app-version").waitFor({ timeout: 10000 });
  return { context, page, problems };
}

/** Clicks `selector` inside the page and resolves with the ms until `done` matches. */
function timeUntil(page, selector, done) {
  return page.evaluate(
    ([click, ready]) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error(`${ready} did not appear within 10 s`)), 10000);
        const observer = new MutationObserver(() => {
          if (!document.querySelector(ready)) return;
          observer.disconnect();
          clearTimeout(timer);
          // The rows are in the DOM; wait for the frame that paints them.
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        document.querySelector(click).click();
      }),
    [selector, done],
  );
}

async function previewFirstRows(browser, url) {
  const { context, page } = await openApp(browser, url);
  await page.getByTestId("nav-query").click();
  await page.getByTestId("query-text").fill("(LIST_PRICE=300000+),(STATUS=|A,P)");
  await page.waitForFunction(() => !document.querySelector('[data-testid="query-run"]')?.disabled, null, { timeout: 10000 });
  const ms = await timeUntil(page, '[data-testid="query-run"]', '[data-testid="preview-row"]');
  await context.close();
  return ms;
}

async function resultsFirstRows(browser, url) {
  const { context, page } = await openApp(browser, url);
  const ms = await timeUntil(page, '[data-testid="nav-results"]', '[data-testid="results-row"]:not([aria-busy])');
  await context.close();
  return ms;
}

/** Scrolls the grid from the page for `frames` frames: steadily or in random jumps. */
function scrollFrames(page, frames, kind) {
  return page.evaluate(
    ([count, how, rows]) =>
      new Promise((resolve) => {
        const el = document.querySelector('[data-testid="results-grid"]');
        const max = el.scrollHeight - el.clientHeight;
        // Past the body height cap one scrolled pixel moves several pixels of rows.
        const ratio = Math.max(1, (rows * 28) / el.scrollHeight);
        const deltas = [];
        let loading = 0;
        let seed = 7;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed / 2147483648;
        };
        let last = performance.now();
        let i = 0;
        const frame = (now) => {
          if (i > 0) {
            deltas.push(now - last);
            if (document.querySelector('[data-testid="results-row"][aria-busy="true"]')) loading += 1;
          }
          last = now;
          if (i === count) {
            resolve({ deltas, loading });
            return;
          }
          // Steady: 20 rows (560 px) a frame, a fast wheel or fling. Jumps: the
          // scrollbar dragged to a random place every frame.
          el.scrollTop = how === "steady" ? Math.min(max, el.scrollTop + 560 / ratio) : random() * max;
          i += 1;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [frames, kind, ROWS],
  );
}

function stats(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME_MS) - 1), 0);
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1), dropped, frames: deltas.length };
}

const ms = (v) => `${v.toFixed(1)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (!existsSync(join(distDir, "index.html"))) {
    console.error("ui/dist is missing: run `npm run build` first");
    process.exit(1);
  }
  const { server, url } = await startPreview();
  const browser = await launchChromium();
  const started = Date.now();
  try {
    console.log(`UI benchmark: ${ROWS.toLocaleString("en-US")} rows, ${RUNS} runs, mock IPC latency ×${LATENCY}, Chromium ${browser.version()}`);

    const preview = [];
    const results = [];
    for (let run = 0; run < RUNS; run++) {
      preview.push(await previewFirstRows(browser, url));
      results.push(await resultsFirstRows(browser, url));
    }
    for (const [label, values] of [
      ["Query: Run preview → first rows", preview],
      ["Results: open → first rows", results],
    ]) {
      const m = median(values);
      const verdict = m < FIRST_ROWS_TARGET_MS ? "meets" : "MISSES";
      console.log(`${label.padEnd(36)} median ${ms(m)}, max ${ms(Math.max(...values))} — ${verdict} the < ${FIRST_ROWS_TARGET_MS} ms target`);
    }

    const { context, page, problems } = await openApp(browser, url);
    await page.getByTestId("nav-results").click();
    await page.locator('[data-testid="results-row"]:not([aria-busy])').first().waitFor({ timeout: 10000 });
    await page.waitForTimeout(300);
    for (const [kind, frames] of [["steady", 300], ["jumps", 120]]) {
      const { deltas, loading } = await scrollFrames(page, frames, kind);
      const s = stats(deltas);
      const label = kind === "steady" ? "Scroll, 20 rows a frame" : "Scrollbar jumps, random";
      console.log(
        `${label.padEnd(36)} frames ${s.frames}: median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)}, ` +
          `dropped ${s.dropped} (${((100 * s.dropped) / (s.frames + s.dropped)).toFixed(1)}%), ` +
          `frames with rows still loading ${loading} — target 60 fps (${ms(FRAME_MS)} a frame)`,
      );
    }
    const inDom = await page.getByTestId("results-row").count();
    console.log(`Rows in the DOM while scrolled: ${inDom}`);
    await context.close();
    if (problems.length) {
      console.error(`page errors:\n${problems.join("\n")}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
