// The application shell: header, area navigation and the active screen.
import { useCallback, useRef, useState } from "react";
import { AboutDialog } from "../features/about/AboutDialog";
import { HomeScreen } from "../features/home/HomeScreen";
import { SettingsScreen } from "../features/settings/SettingsScreen";
import { AppInfoProvider } from "./appInfo/AppInfoProvider";
import type { AreaId } from "./areas";
import { Header } from "./Header";
import { Nav } from "./Nav";
import { useAreaShortcuts } from "./shortcuts";
import { ThemeProvider } from "./theme/ThemeProvider";

function Shell() {
  const [area, setArea] = useState<AreaId>("home");
  const [aboutOpen, setAboutOpen] = useState(false);
  const main = useRef<HTMLElement>(null);

  // A shortcut may unmount the focused control, so focus moves to the new
  // screen; a click keeps focus on the nav entry for keyboard users.
  const selectByShortcut = useCallback((id: AreaId) => {
    setArea(id);
    main.current?.focus({ preventScroll: true });
  }, []);
  useAreaShortcuts(selectByShortcut);

  return (
    <div className="shell">
      <Header onAbout={() => { setAboutOpen(true); }} />
      <div className="shell-body">
        <Nav active={area} onSelect={setArea} />
        <main className="main" ref={main} tabIndex={-1} aria-label={area === "home" ? "Home" : "Settings"}>
          {area === "settings" ? <SettingsScreen /> : <HomeScreen />}
        </main>
      </div>
      <AboutDialog open={aboutOpen} onClose={() => { setAboutOpen(false); }} />
    </div>
  );
}

/** The whole app with its providers. */
export function App() {
  return (
    <ThemeProvider>
      <AppInfoProvider>
        <Shell />
      </AppInfoProvider>
    </ThemeProvider>
  );
}
