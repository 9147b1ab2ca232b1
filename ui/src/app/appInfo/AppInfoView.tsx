// One rendering of the `app_info` load state (loading / error + Retry / the
// facts), used by the Home card and the Settings diagnostics section.
import type { AppInfo } from "../../bindings/AppInfo";
import { useAppInfo } from "./appInfoContext";

/** Label/value rows shown for an installation, in display order. */
export function appInfoRows(info: AppInfo): Array<[string, string]> {
  return [
    ["Name", info.name],
    ["Version", info.version],
    ["Identifier", info.identifier],
    ["Tauri", info.tauriVersion],
    ["Platform", `${info.os} / ${info.arch}`],
    ["Data folder", info.dataDir],
    ["Log folder", info.logDir],
  ];
}

/** Renders a file-system path with line-break opportunities after separators. */
function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=[\\/])/);
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}

/** Shows the installation facts, a loading line, or the error with Retry. */
export function AppInfoView({ versionTestId }: { versionTestId?: string }) {
  const { state, retry } = useAppInfo();
  if (state.status === "loading") {
    return (
      <p className="status-line" role="status">
        <span className="spinner" aria-hidden="true" />
        Loading installation details…
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <div className="error-box" role="alert">
        <p>
          <strong>Could not read installation details.</strong> {state.error.message}
        </p>
        <button type="button" className="button" onClick={retry}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <dl className="facts">
      {appInfoRows(state.info).map(([label, value]) => {
        const isPath = label.endsWith("folder");
        return (
          <div className="facts-row" key={label}>
            <dt>{label}</dt>
            <dd className={isPath ? "mono" : undefined} data-testid={label === "Version" ? versionTestId : undefined}>
              {isPath ? <PathText path={value} /> : value}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
