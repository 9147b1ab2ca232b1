// The application shell: header, area navigation and the active screen.
// The work screens stay mounted (hidden) once visited, so a half-built query
// or the metadata position survive a trip to another area.
import { useCallback, useRef, useState, type ReactNode, type RefObject } from "react";
import { AboutDialog } from "../features/about/AboutDialog";
import { ConnectionsScreen } from "../features/connections/ConnectionsScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { JobsScreen } from "../features/jobs/JobsScreen";
import { MetadataProvider } from "../shared/metadata/MetadataProvider";
import { MetadataScreen } from "../features/metadata/MetadataScreen";
import { QueryScreen } from "../features/query/QueryScreen";
import { ResultsScreen } from "../features/results/ResultsScreen";
import { SettingsScreen } from "../features/settings/SettingsScreen";
import { ActionsProvider } from "./actions/ActionsProvider";
import { useShellActions } from "./actions/useShellActions";
import { AppInfoProvider } from "./appInfo/AppInfoProvider";
import { AREAS, type AreaId } from "./areas";
import { JobsTargetProvider } from "./classTarget/JobsTargetProvider";
import { TaskListProvider } from "./tasks/TaskListProvider";
import { CurrentConnectionProvider } from "./connection/CurrentConnectionProvider";
import { Header } from "./Header";
import { IntentProvider } from "./intents/IntentProvider";
import { Nav } from "./Nav";
import { NavigationContext } from "./navigationContext";
import { ThemeProvider } from "./theme/ThemeProvider";

const SCREENS: Partial<Record<AreaId, () => ReactNode>> = {
  home: () => <HomeScreen />,
  connections: () => <ConnectionsScreen />,
  metadata: () => <MetadataScreen />,
  query: () => <QueryScreen />,
  results: () => <ResultsScreen />,
  jobs: () => <JobsScreen />,
  settings: () => <SettingsScreen />,
};

/** Screens whose state must survive switching areas. */
const KEEP_MOUNTED: ReadonlySet<AreaId> = new Set<AreaId>(["connections", "metadata", "query", "results", "jobs"]);

function Shell() {
  const [area, setArea] = useState<AreaId>("home");
  const [visited, setVisited] = useState<ReadonlySet<AreaId>>(() => new Set<AreaId>(["home"]));
  const [aboutOpen, setAboutOpen] = useState(false);
  const main = useRef<HTMLElement>(null);

  const open = useCallback((id: AreaId) => {
    setArea(id);
    setVisited((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));
  }, []);

  const openAbout = useCallback(() => { setAboutOpen(true); }, []);

  return (
    <NavigationContext.Provider value={open}>
      <ActionsProvider area={area}>
        <ShellBody area={area} visited={visited} main={main} open={open} onAbout={openAbout} />
        <AboutDialog open={aboutOpen} onClose={() => { setAboutOpen(false); }} />
      </ActionsProvider>
    </NavigationContext.Provider>
  );
}

interface ShellBodyProps {
  area: AreaId;
  visited: ReadonlySet<AreaId>;
  main: RefObject<HTMLElement | null>;
  open: (id: AreaId) => void;
  onAbout: () => void;
}

function ShellBody({ area, visited, main, open, onAbout }: ShellBodyProps) {
  // A shortcut or palette command may unmount the focused control, so focus
  // moves to the new screen; a click keeps focus on the nav entry.
  const go = useCallback(
    (id: AreaId) => {
      open(id);
      main.current?.focus({ preventScroll: true });
    },
    [open, main],
  );
  useShellActions({ go, openAbout: onAbout });

  const label = AREAS.find((entry) => entry.id === area)?.label ?? "Home";
  return (
    <div className="shell">
      <Header onAbout={onAbout} />
      <div className="shell-body">
        <Nav active={area} onSelect={open} />
        <main className="main" ref={main} tabIndex={-1} aria-label={label}>
          {AREAS.filter(
            (entry) => entry.id === area || (KEEP_MOUNTED.has(entry.id) && visited.has(entry.id)),
          ).map((entry) => {
            const screen = SCREENS[entry.id];
            return screen ? (
              <div key={entry.id} className="screen-host" hidden={entry.id !== area}>
                {screen()}
              </div>
            ) : null;
          })}
        </main>
      </div>
    </div>
  );
}

/** The whole app with its providers. */
export function App() {
  return (
    <ThemeProvider>
      <AppInfoProvider>
        <CurrentConnectionProvider>
          <MetadataProvider>
            <JobsTargetProvider>
              <TaskListProvider>
                <IntentProvider>
                  <Shell />
                </IntentProvider>
              </TaskListProvider>
            </JobsTargetProvider>
          </MetadataProvider>
        </CurrentConnectionProvider>
      </AppInfoProvider>
    </ThemeProvider>
  );
}
