// Strings from an MLS server (field and lookup names, descriptions, error
// text) reach the web view in many places. Each must render as text: no
// element, attribute or script from the server may ever appear in the DOM.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { MetadataView } from "../bindings/MetadataView";
import { MetadataScreen } from "../features/metadata/MetadataScreen";
import { demoMetadata } from "./metadataFixture";
import { renderWithProviders } from "./renderWithProviders";

const PAYLOAD = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

/** Every display string of the metadata with the payload appended. */
function hostile(view: MetadataView): MetadataView {
  const display = new Set(["description", "longName", "longValue", "standardName", "visibleName", "systemDescription"]);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, typeof v === "string" && display.has(k) ? v + PAYLOAD : walk(v)]),
      );
    }
    return value;
  };
  return walk(view) as MetadataView;
}

function assertInert(root: HTMLElement) {
  expect(root.querySelector("img, script, iframe, object, embed")).toBeNull();
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith("on"), `${el.tagName} has ${attr.name}`).toBe(false);
    }
  }
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
}

afterEach(() => {
  delete (window as unknown as { __pwned?: number }).__pwned;
});

describe("server strings in the window", () => {
  it("field names, descriptions and lookup values render as text", async () => {
    mockIPC(() => hostile(demoMetadata));
    const user = userEvent.setup();
    const { container } = renderWithProviders(<MetadataScreen />);
    const rows = await screen.findAllByTestId("metadata-field-row");
    expect(rows[0]?.textContent).toContain("<img src=x");
    assertInert(container);
    await user.click(screen.getByRole("button", { name: "Show values of lookup CITY" }));
    const dialog = screen.getByTestId("lookup-dialog");
    expect(within(dialog).getAllByTestId("lookup-value-row")[0]?.textContent).toContain("<script>");
    assertInert(document.body);
  });

  it("error text from the server renders as text", async () => {
    mockIPC(() => {
      throw { code: "reply_code", message: `server replied 20203 (${PAYLOAD})` };
    });
    const { container } = renderWithProviders(<MetadataScreen />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("<img src=x");
    assertInert(container);
  });
});
