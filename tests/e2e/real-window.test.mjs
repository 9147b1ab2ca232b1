// End-to-end test of the real desktop window: launches the built app under
// Xvfb through WebKitWebDriver, checks the home screen and a Rust command
// round trip through the UI. Run by scripts/test.sh after
// `cargo build --features custom-protocol`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDriver, Session } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const binary = join(root, 'target/debug/rets-data-portal');
const outDir = join(root, 'target/e2e');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

let driver;
let session;

before(async () => {
  assert.ok(existsSync(binary), `build the app first: ${binary} is missing`);
  mkdirSync(outDir, { recursive: true });
  // A throw-away home so the test never touches the user's data or settings.
  const home = mkdtempSync(join(tmpdir(), 'rdp-e2e-'));
  driver = await startDriver({
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  });
  session = await Session.create(driver.url, binary);
});

after(async () => {
  if (session) {
    const png = await session.screenshot().catch(() => null);
    if (png) writeFileSync(join(outDir, 'home.png'), png);
    await session.close();
  }
  await driver?.stop();
});

test('the window shows the home screen with the app title', async () => {
  assert.equal(await session.text('[data-testid="app-title"]'), 'RETS Data Portal');
  assert.equal(await session.execute('return document.title'), 'RETS Data Portal');
});

test('the version on the home screen comes from Rust over IPC', async () => {
  const shown = await session.waitText('[data-testid="app-version"]', (t) => t.includes(version));
  assert.match(shown, new RegExp(version.replaceAll('.', '\\.')));
});

test('a command round-trips through the IPC bridge with typed results and errors', async () => {
  const result = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    const invoke = window.__TAURI_INTERNALS__.invoke;
    Promise.all([
      invoke('app_info'),
      invoke('cancel_job', { jobId: 'no-such-job' }).then(() => null, (e) => e),
    ]).then(([info, err]) => done({ info, err }), (e) => done({ failed: String(e) }));
  `);
  assert.equal(result.failed, undefined, result.failed);
  assert.equal(result.info.name, 'RETS Data Portal');
  assert.equal(result.info.version, version);
  assert.equal(result.info.os, 'linux');
  assert.equal(result.err.code, 'not_found');
  assert.match(result.err.message, /no-such-job/);
});

test('the theme switch changes the document theme', async () => {
  const select = '[data-testid="theme-select"]';
  await session.find(select);
  const before = await session.execute('return document.documentElement.dataset.theme');
  const target = before === 'dark' ? 'light' : 'dark';
  await session.execute(
    `const el = document.querySelector(arguments[0]);
     const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(el, arguments[1]);
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [select, target],
  );
  const after = await session.execute('return document.documentElement.dataset.theme');
  assert.equal(after, target);
});

// The core workflow on the built-in Demo MLS: connect → metadata → query → rows.
test('Demo MLS: the connection test passes every step', async () => {
  await session.click('[data-testid="nav-connections"]');
  await session.click('[data-testid="connection-demo"]');
  await session.click('[data-testid="connection-test"]');
  const steps = await session.waitCount('[data-testid="diagnosis-step"]', 5, 60000);
  assert.ok(steps >= 5, `${steps} steps`);
  const failed = await session.count('[data-testid="diagnosis-step"][data-status="failed"]');
  assert.equal(failed, 0);
});

test('Demo MLS: the metadata browser lists Residential with its fields', async () => {
  await session.click('[data-testid="nav-metadata"]');
  await session.click('[data-testid="metadata-class-Residential"]');
  const rows = await session.waitCount('[data-testid="metadata-field-row"]', 90, 30000);
  assert.ok(rows >= 90, `${rows} fields`);
  const png = await session.screenshot();
  writeFileSync(join(outDir, 'metadata.png'), png);
});

test('Demo MLS: a query is checked, counted and previewed in the grid', async () => {
  await session.click('[data-testid="nav-query"]');
  await session.setValue('[data-testid="query-text"]', '(LIST_PRICE=300000+),(STATUS=|A)');
  const count = await session.waitText('[data-testid="query-count"]', (t) => /\d/.test(t), 30000);
  assert.match(count, /\d/);
  await session.click('[data-testid="query-run"]');
  const rows = await session.waitCount('[data-testid="preview-row"]', 1, 30000);
  assert.ok(rows > 0);
  const png = await session.screenshot();
  writeFileSync(join(outDir, 'query.png'), png);
});

test('Demo MLS: a class is downloaded into the local replica and browsed in the grid', async () => {
  await session.click('[data-testid="nav-jobs"]');
  await session.selectValue('[data-testid="jobs-class"]', 'Land');
  await session.click('[data-testid="jobs-start"]');
  await session.waitCount('[data-testid="job-card"][data-state="finished"]', 1, 120000);
  const failed = await session.count('[data-testid="job-card"][data-state="failed"]');
  assert.equal(failed, 0);
  await session.waitCount('[data-testid="sync-history-row"]', 1, 30000);

  await session.click('[data-testid="nav-results"]');
  await session.selectValue('[data-testid="results-class"]', 'Land');
  const rows = await session.waitCount('[data-testid="results-row"]', 5, 30000);
  assert.ok(rows >= 5, `${rows} rows rendered`);
  const total = await session.waitText('[data-testid="results-total"]', (t) => /\d/.test(t), 30000);
  assert.match(total, /\d/);
  writeFileSync(join(outDir, 'results.png'), await session.screenshot());
});
