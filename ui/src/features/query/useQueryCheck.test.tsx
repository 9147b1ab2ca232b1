import { act, renderHook, waitFor } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { QueryCheck } from "../../bindings/QueryCheck";
import { CHECK_DEBOUNCE_MS, useQueryCheck } from "./useQueryCheck";

const target = { connectionId: "demo", resource: "Property", class: "Residential" };

afterEach(() => {
  vi.useRealTimers();
});

describe("useQueryCheck", () => {
  it("is idle for empty text and calls nothing", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    const { result } = renderHook(() => useQueryCheck(target, "   "));
    await new Promise((resolve) => setTimeout(resolve, CHECK_DEBOUNCE_MS + 50));
    expect(result.current.check).toEqual({ status: "idle" });
    expect(result.current.count).toEqual({ status: "idle" });
    expect(calls).toEqual([]);
  });

  it("waits for a pause in typing before checking", async () => {
    vi.useFakeTimers();
    const queries: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "query_check") queries.push((args as { query: string }).query);
      return cmd === "query_check" ? { issues: [], canonical: null } : 3;
    });
    const { result, rerender } = renderHook(({ text }) => useQueryCheck(target, text), {
      initialProps: { text: "(A=1" },
    });
    await act(() => vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS - 100));
    rerender({ text: "(A=1)" });
    expect(result.current.check.status).toBe("checking");
    await act(() => vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS - 100));
    expect(queries).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(queries).toEqual(["(A=1)"]);
    expect(result.current.count).toEqual({ status: "done", count: 3 });
  });

  it("never shows a slow reply for older text", async () => {
    const pending: Array<(value: QueryCheck) => void> = [];
    mockIPC((cmd) => {
      if (cmd === "query_count") return 9;
      return new Promise((resolve) => pending.push(resolve));
    });
    const { result, rerender } = renderHook(({ text }) => useQueryCheck(target, text), {
      initialProps: { text: "(NOPE=1)" },
    });
    await waitFor(() => { expect(pending).toHaveLength(1); });
    rerender({ text: "(A=1)" });
    await waitFor(() => { expect(pending).toHaveLength(2); });
    act(() => { pending[1]?.({ issues: [], canonical: "(A=1)" }); });
    await waitFor(() => { expect(result.current.count).toEqual({ status: "done", count: 9 }); });
    const stale: QueryCheck = { issues: [{ message: "Unknown field", field: "NOPE", start: 1, end: 5 }], canonical: null };
    act(() => { pending[0]?.(stale); });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current.check).toEqual({ status: "done", result: { issues: [], canonical: "(A=1)" } });
  });
});
