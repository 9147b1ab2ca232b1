// End-to-end test of the real desktop window: launches the built app under
// Xvfb through WebKitWebDriver, checks the home screen and a Rust command
// round trip through the UI. Run by scripts/test.sh after
// `cargo build --features custom-protocol`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
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
    // The window as the last test left it (also when a test failed midway).
    const png = await session.screenshot().catch(() => null);
    if (png) writeFileSync(join(outDir, 'last.png'), png);
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
      invoke('cancel_task', { taskId: 'no-such-job' }).then(() => null, (e) => e),
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

/** The bytes of `name` inside the zip archive `buf` (read through the central directory). */
function zipEntry(buf, name) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'zip end-of-central-directory record');
  let at = buf.readUInt32LE(end + 16);
  const entries = buf.readUInt16LE(end + 10);
  for (let i = 0; i < entries; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : data;
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

/** Records in RFC 4180 text (line breaks inside quotes do not end a record). */
function csvRecords(text) {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) records += 1;
  }
  return records + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
}

async function exportFile(path, format) {
  await session.click('[data-testid="export-open"]');
  await session.find('[data-testid="export-dialog"]');
  await session.click(`[data-testid="export-format-${format}"]`);
  // Wait for the suggested path (Downloads/Land-<date>.<ext>), then type ours over it.
  const pattern = new RegExp(`Land-\\d{4}-\\d{2}-\\d{2}\\.${format}$`);
  let suggested = '';
  for (let i = 0; i < 50 && !pattern.test(suggested); i += 1) {
    suggested = await session.execute('return document.querySelector(arguments[0]).value;', ['[data-testid="export-path"]']);
    if (!pattern.test(suggested)) await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(suggested, pattern);
  await session.setValue('[data-testid="export-path"]', path);
  await session.click('[data-testid="export-start"]');
  await session.waitCount('[data-testid="export-result"][data-state="finished"]', 1, 120000);
  const message = await session.text('[data-testid="export-message"]');
  assert.ok(message.includes(path), message);
  writeFileSync(join(outDir, `export-${format}.png`), await session.screenshot());
  await session.click('[data-testid="export-close"]');
  await session.waitCount('[data-testid="export-open"]', 1, 30000);
  return message;
}

test('Demo MLS: the downloaded Land rows are exported to XLSX and CSV files that open', async () => {
  // Runs after the download test above: Results shows Land.
  const totalText = await session.waitText('[data-testid="results-total"]', (t) => /\d/.test(t), 30000);
  const total = Number(totalText.match(/[\d,]+/)[0].replaceAll(',', ''));
  assert.ok(total > 0, totalText);
  const dir = mkdtempSync(join(tmpdir(), 'rdp-export-'));

  const xlsx = join(dir, 'land.xlsx');
  const xlsxMessage = await exportFile(xlsx, 'xlsx');
  assert.ok(xlsxMessage.includes(`Wrote ${total} rows`), xlsxMessage);
  assert.ok(existsSync(xlsx), 'the XLSX file exists');
  const book = readFileSync(xlsx);
  assert.equal(book.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  const sheet = zipEntry(book, 'xl/worksheets/sheet1.xml');
  assert.ok(sheet, 'the workbook has sheet1');
  const sheetRows = (sheet.toString('utf8').match(/<row /g) ?? []).length;
  assert.equal(sheetRows, total + 1, 'header + one row per record');
  const about = zipEntry(book, 'xl/worksheets/sheet2.xml');
  assert.ok(about, 'the About sheet is there');

  const csv = join(dir, 'land.csv');
  await exportFile(csv, 'csv');
  const text = readFileSync(csv, 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'CSV for Excel starts with a BOM by default');
  assert.equal(csvRecords(text), total + 1, 'header + one record per row');
});

test('Demo MLS: a CSV of three Land keys from the grid filters Results to those three rows', async () => {
  // Runs after the export test above: Results shows Land, sorted by key.
  await session.waitCount('[data-testid="results-row"]', 3, 30000);
  const keys = await session.execute(
    'return [...document.querySelectorAll(arguments[0])].slice(0, 3).map((r) => r.querySelector(\'[role="gridcell"]\').textContent.trim());',
    ['[data-testid="results-row"]'],
  );
  assert.equal(keys.length, 3);
  const dir = mkdtempSync(join(tmpdir(), 'rdp-import-'));
  const csv = join(dir, 'wish list.csv');
  writeFileSync(csv, `Client,Listing Key\nAnn,${keys[0]}\nBob,${keys[1]}\nCy,${keys[2]}\nDee,NOTDOWNLOADED1\n`);

  await session.click('[data-testid="import-open"]');
  await session.find('[data-testid="import-dialog"]');
  await session.setValue('[data-testid="import-path"]', csv);
  await session.click('[data-testid="import-read"]');
  await session.find('[data-testid="import-mapping"]', 30000);
  const column = await session.execute('return document.querySelector(arguments[0]).value;', ['[data-testid="import-key-column"]']);
  assert.equal(column, 'B', 'the key column is guessed from the header');
  await session.click('[data-testid="import-apply"]');
  const banner = await session.waitText('[data-testid="import-banner"]', (t) => t.includes('found'), 30000);
  assert.ok(banner.includes('Filtered by wish list.csv: 3 of 4 keys found'), banner);
  const total = await session.waitText('[data-testid="results-total"]', (t) => /^3 records/.test(t), 30000);
  assert.match(total, /^3 records/);
  const shown = await session.execute(
    'return [...document.querySelectorAll(arguments[0])].map((r) => r.querySelector(\'[role="gridcell"]\').textContent.trim());',
    ['[data-testid="results-row"]'],
  );
  assert.deepEqual([...shown].sort(), [...keys].sort());
  writeFileSync(join(outDir, 'import-filter.png'), await session.screenshot());
  await session.click('[data-testid="import-clear"]');
  await session.waitText('[data-testid="results-total"]', (t) => /\d/.test(t) && !/^3 records/.test(t), 30000);
});

// Query history and saved queries (kept in the local database by the backend).
test('Demo MLS: a count is recorded in the history, and a saved query is listed', async () => {
  const query = '(LIST_PRICE=450000+),(STATUS=|A)';
  await session.click('[data-testid="nav-query"]');
  await session.selectValue('[data-testid="query-class"]', 'Residential');
  await session.setValue('[data-testid="query-text"]', query);
  await session.waitText('[data-testid="query-count"]', (t) => /\d/.test(t), 30000);

  const toggle = '[data-testid="query-saved-toggle"]';
  if ((await session.attribute(toggle, 'aria-expanded')) !== 'true') await session.click(toggle);
  // innerText (what is rendered): WebKitWebDriver's element text leaves out parts of a <button>.
  let newest = '';
  for (let i = 0; i < 150 && !newest.includes(query); i += 1) {
    newest = await session.execute(
      'const e = document.querySelector(arguments[0]); return e ? e.innerText : "";',
      ['[data-testid="history-entry"]'],
    );
    if (!newest.includes(query)) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(newest.includes(query), `the newest history entry shows the query: ${newest}`);
  assert.match(newest, /Count — [\d,]+ records/);
  const recorded = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('query_history_list', { connectionId: 'demo', limit: 5 })
      .then((runs) => done(runs), (e) => done({ failed: e }));
  `);
  assert.equal(recorded.failed, undefined, JSON.stringify(recorded.failed));
  assert.equal(recorded[0].query, query);
  assert.equal(recorded[0].kind, 'count');
  assert.equal(recorded[0].status, 'ok');
  assert.ok(recorded[0].records > 0, `${recorded[0].records} records`);

  await session.click('[data-testid="query-save"]');
  await session.find('[data-testid="save-query-dialog"][open]');
  await session.setValue('[data-testid="save-query-name"]', 'Actives from 450k');
  await session.click('[data-testid="save-query-submit"]');
  await session.waitCount('[data-testid="saved-query"][data-name="Actives from 450k"]', 1, 30000);
  writeFileSync(join(outDir, 'query-saved.png'), await session.screenshot());
});
