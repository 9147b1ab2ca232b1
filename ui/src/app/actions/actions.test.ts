import { describe, expect, it } from "vitest";
import { chordLabel, chordsAria, isTextEntry, matchesChord } from "../shortcuts";
import { filterActions, fuzzyScore, type AppAction } from "./actions";

const noop = () => undefined;
const action = (id: string, title: string, extra: Partial<AppAction> = {}): AppAction => ({
  id,
  title,
  group: "App",
  run: noop,
  ...extra,
});

describe("fuzzyScore", () => {
  it("prefers substrings, word starts and contiguous runs; refuses out-of-order letters", () => {
    expect(fuzzyScore("", "anything")).toBe(0);
    expect(fuzzyScore("query", "Go to Query")).toBeGreaterThan(fuzzyScore("gtq", "Go to Query") ?? 0);
    expect(fuzzyScore("gtq", "Go to Query")).not.toBeNull();
    expect(fuzzyScore("qg", "Go to Query")).toBeNull();
    expect(fuzzyScore("sv q", "Save query")).not.toBeNull();
    expect(fuzzyScore("save", "Save query")).toBeGreaterThan(fuzzyScore("save", "Unsaved query") ?? 0);
  });
});

describe("filterActions", () => {
  const list = [
    action("go.query", "Go to Query", { group: "Navigate" }),
    action("query.save", "Save query…", { group: "Query", keywords: "store name" }),
    action("app.palette", "Command palette", { inPalette: false }),
    action("app.theme", "Switch theme", { keywords: "dark light" }),
  ];

  it("keeps registry order for an empty query and hides palette-less actions", () => {
    expect(filterActions(list, "").map((a) => a.id)).toEqual(["go.query", "query.save", "app.theme"]);
  });

  it("ranks the best match first and matches keywords", () => {
    expect(filterActions(list, "save").map((a) => a.id)[0]).toBe("query.save");
    expect(filterActions(list, "dark").map((a) => a.id)).toEqual(["app.theme"]);
    expect(filterActions(list, "zzz")).toEqual([]);
  });
});

function key(init: KeyboardEventInit & { key: string }) {
  return new KeyboardEvent("keydown", init);
}

describe("chords", () => {
  it("matches Ctrl or Cmd as mod, shift strictly for letters, not for symbols", () => {
    expect(matchesChord(key({ key: "k", ctrlKey: true }), { key: "k", mod: true })).toBe(true);
    expect(matchesChord(key({ key: "K", metaKey: true }), { key: "k", mod: true })).toBe(true);
    expect(matchesChord(key({ key: "k" }), { key: "k", mod: true })).toBe(false);
    expect(matchesChord(key({ key: "K", ctrlKey: true, shiftKey: true }), { key: "k", mod: true })).toBe(false);
    expect(matchesChord(key({ key: "?", shiftKey: true }), { key: "?" })).toBe(true);
    expect(matchesChord(key({ key: "!", ctrlKey: true, shiftKey: true, code: "Digit1" }), { key: "1", mod: true })).toBe(
      false,
    );
    expect(matchesChord(key({ key: "1", ctrlKey: true, code: "Digit1" }), { key: "1", mod: true })).toBe(true);
    expect(matchesChord(key({ key: "Enter", ctrlKey: true, altKey: true }), { key: "Enter", mod: true })).toBe(false);
  });

  it("labels and aria forms", () => {
    expect(chordLabel({ key: "k", mod: true })).toBe("Ctrl+K");
    expect(chordLabel({ key: "Enter", mod: true, shift: true })).toBe("Ctrl+Shift+Enter");
    expect(chordsAria([{ key: "/", mod: true }, { key: "?" }])).toBe("Control+/ ?");
  });

  it("knows text entry targets", () => {
    const text = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    expect(isTextEntry(text)).toBe(true);
    expect(isTextEntry(box)).toBe(false);
    expect(isTextEntry(document.createElement("textarea"))).toBe(true);
    expect(isTextEntry(document.createElement("button"))).toBe(false);
  });
});
