// Diagnostics: the installation facts plus a one-click copy for bug reports.
import { useState } from "react";
import { appInfoRows, AppInfoView } from "../../app/appInfo/AppInfoView";
import { useAppInfo } from "../../app/appInfo/appInfoContext";
import type { AppInfo } from "../../bindings/AppInfo";

/** Plain-text diagnostics report for `info`, as copied to the clipboard. */
export function diagnosticsText(info: AppInfo, userAgent: string): string {
  const lines = appInfoRows(info).map(([label, value]) => `${label}: ${value}`);
  return ["RETS Data Portal diagnostics", ...lines, `WebView: ${userAgent}`].join("\n") + "\n";
}

type CopyState = { kind: "idle" } | { kind: "copied" } | { kind: "failed"; message: string };

/** The Diagnostics section of Settings. */
export function Diagnostics() {
  const { state } = useAppInfo();
  const [copy, setCopy] = useState<CopyState>({ kind: "idle" });

  const onCopy = async () => {
    if (state.status !== "ready") return;
    try {
      await navigator.clipboard.writeText(diagnosticsText(state.info, navigator.userAgent));
      setCopy({ kind: "copied" });
    } catch (error) {
      setCopy({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <AppInfoView />
      <div className="actions">
        <button type="button" className="button" disabled={state.status !== "ready"} onClick={() => void onCopy()}>
          Copy diagnostics
        </button>
        <span className={copy.kind === "failed" ? "status-text danger" : "status-text"} role="status">
          {copy.kind === "copied" && "Copied to the clipboard."}
          {copy.kind === "failed" && `Could not copy: ${copy.message}`}
        </span>
      </div>
    </section>
  );
}
