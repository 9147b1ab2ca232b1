// jsdom implements neither `matchMedia` nor modal `<dialog>`; these minimal,
// controllable stand-ins let tests drive OS preferences and dialog state.

/** Media features a test pretends the OS reports. */
export interface FakeMediaState {
  dark?: boolean;
  moreContrast?: boolean;
}

type Listener = (event: MediaQueryListEvent) => void;

const listeners = new Map<string, Set<Listener>>();
let state: FakeMediaState = {};

function matches(query: string): boolean {
  if (query.includes("prefers-color-scheme: dark")) return Boolean(state.dark);
  if (query.includes("prefers-contrast: more")) return Boolean(state.moreContrast);
  return false;
}

/** Installs a fake `window.matchMedia` reporting `initial`. */
export function installMatchMedia(initial: FakeMediaState): void {
  state = { ...initial };
  listeners.clear();
  window.matchMedia = (query: string): MediaQueryList => {
    const set = listeners.get(query) ?? new Set<Listener>();
    listeners.set(query, set);
    return {
      media: query,
      get matches() {
        return matches(query);
      },
      onchange: null,
      addEventListener: (_type: string, listener: Listener) => set.add(listener),
      removeEventListener: (_type: string, listener: Listener) => set.delete(listener),
      addListener: (listener: Listener) => set.add(listener),
      removeListener: (listener: Listener) => set.delete(listener),
      dispatchEvent: () => true,
    } as unknown as MediaQueryList;
  };
}

/** Changes the fake OS preferences and notifies every registered listener. */
export function setMedia(next: FakeMediaState): void {
  state = { ...next };
  for (const [query, set] of listeners) {
    for (const listener of set) listener({ matches: matches(query), media: query } as MediaQueryListEvent);
  }
}

/** Adds `showModal`/`close` to `HTMLDialogElement` when jsdom lacks them. */
export function installDialogPolyfill(): void {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal !== "function") {
    proto.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
  }
  if (typeof proto.close !== "function") {
    proto.close = function close(this: HTMLDialogElement) {
      if (!this.hasAttribute("open")) return;
      this.removeAttribute("open");
      this.dispatchEvent(new Event("close"));
    };
  }
}
