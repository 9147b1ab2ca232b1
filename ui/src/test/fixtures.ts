// Canned backend replies shared by the component tests.
import type { AppInfo } from "../bindings/AppInfo";

/** An `app_info` reply as a Linux build would send it. */
export const sampleAppInfo: AppInfo = {
  name: "RETS Data Portal",
  version: "0.3.1",
  identifier: "dev.retsdataportal.app",
  tauriVersion: "2.9.0",
  os: "linux",
  arch: "x86_64",
  dataDir: "/home/ana/.local/share/dev.retsdataportal.app",
  logDir: "/home/ana/.local/share/dev.retsdataportal.app/logs",
};

/** Testing Library matcher for an element whose whole text is `text` (spans across children). */
export function wholeText(text: string) {
  return (_content: string, element: Element | null): boolean =>
    element?.textContent === text && Array.from(element.children).every((child) => child.textContent !== text);
}
