// A minimal W3C WebDriver client over fetch, for driving the real Tauri window
// through WebKitWebDriver (Debian's webkit2gtk-driver). No browser downloads.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Finds a free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of every live descendant of `pid` (Linux /proc), children first. */
export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent pid; the name in field 2 may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      /* the process ended while we looked */
    }
  }
  const out = [];
  const walk = (p) => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        walk(child);
        out.push(child);
      }
    }
  };
  walk(pid);
  return out;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

/** Sends `signal` to each pid, ignoring those already gone. */
function signalAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Starts WebKitWebDriver; returns { url, stop, pid }. `stop()` ends the driver
 * and everything it started (the app, WebKit helpers, an autolaunched D-Bus):
 * WebKitWebDriver leaves the app running when a session is deleted, and a
 * leftover app would keep the test runner's output pipe open for ever.
 */
export async function startDriver(env) {
  const port = await freePort();
  const child = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, ...env, TAURI_WEBVIEW_AUTOMATION: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    const tree = [...descendants(child.pid), child.pid];
    signalAll(tree, 'SIGTERM');
    for (let i = 0; i < 50 && tree.some(alive); i++) await sleep(100);
    signalAll(tree.filter(alive), 'SIGKILL');
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return { url, stop, pid: child.pid };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  await stop();
  throw new Error('WebKitWebDriver did not start within 10 s');
}

async function call(method, url, body, timeoutMs = 30000) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${url}: ${JSON.stringify(json.value)}`);
  }
  return json.value;
}

/** A WebDriver session on one app window. */
export class Session {
  static async create(driverUrl, binary, args = []) {
    const value = await call(
      'POST',
      `${driverUrl}/session`,
      { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args } } } },
      60000,
    );
    return new Session(`${driverUrl}/session/${value.sessionId}`);
  }

  constructor(base) {
    this.base = base;
  }

  async find(css, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const el = await call('POST', `${this.base}/element`, { using: 'css selector', value: css });
        return el[ELEMENT];
      } catch (e) {
        lastError = e;
        await sleep(200);
      }
    }
    throw new Error(`element ${css} not found: ${lastError}`);
  }

  async text(css) {
    return call('GET', `${this.base}/element/${await this.find(css)}/text`);
  }

  /** Waits until the element's text satisfies `predicate`; returns it. */
  async waitText(css, predicate, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.text(css).catch(() => '');
      if (predicate(last)) return last;
      await sleep(200);
    }
    throw new Error(`text of ${css} never matched; last was ${JSON.stringify(last)}`);
  }

  async click(css) {
    await call('POST', `${this.base}/element/${await this.find(css)}/click`, {});
  }

  /** Number of elements matching `css` right now. */
  async count(css) {
    const found = await call('POST', `${this.base}/elements`, { using: 'css selector', value: css });
    return found.length;
  }

  /** Waits until at least `n` elements match `css`; returns how many do. */
  async waitCount(css, n, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last = 0;
    while (Date.now() < deadline) {
      last = await this.count(css).catch(() => 0);
      if (last >= n) return last;
      await sleep(250);
    }
    throw new Error(`expected at least ${n} × ${css}, found ${last}`);
  }

  /** Types into a React-controlled input or textarea (native setter + input event). */
  async setValue(css, value) {
    await this.find(css);
    await this.execute(
      `const el = document.querySelector(arguments[0]);
       const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
       Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      [css, value],
    );
  }

  /** Chooses an option of a native <select> by value (React sees a change event). */
  async selectValue(css, value) {
    await this.find(css);
    const ok = await this.execute(
      `const el = document.querySelector(arguments[0]);
       if (![...el.options].some((o) => o.value === arguments[1])) return false;
       Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, arguments[1]);
       el.dispatchEvent(new Event('change', { bubbles: true }));
       return true;`,
      [css, value],
    );
    if (!ok) throw new Error(`${css} has no option ${value}`);
  }

  async attribute(css, name) {
    return call('GET', `${this.base}/element/${await this.find(css)}/attribute/${name}`);
  }

  /** Runs an async script; the last argument is the callback. */
  async executeAsync(script, args = []) {
    return call('POST', `${this.base}/execute/async`, { script, args });
  }

  async execute(script, args = []) {
    return call('POST', `${this.base}/execute/sync`, { script, args });
  }

  /**
   * A PNG of the window as it is now. WebKitGTK hands back the last frame it
   * painted, which can lag the DOM by a frame or two right after a change, so
   * wait for two animation frames (the change is then painted) first.
   */
  async screenshot() {
    await this.executeAsync(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    );
    return Buffer.from(await call('GET', `${this.base}/screenshot`), 'base64');
  }

  async close() {
    await call('DELETE', this.base).catch(() => {});
  }
}
