// Home: the welcome/workflow panel next to the facts of this installation.
import { AppInfoView } from "../../app/appInfo/AppInfoView";
import { WelcomePanel } from "./WelcomePanel";

/** The Home area. */
export function HomeScreen() {
  return (
    <div className="screen">
      <h1 className="screen-title">Home</h1>
      <div className="home-grid">
        <WelcomePanel />
        <section className="panel" aria-labelledby="installation-title">
          <h2 id="installation-title">About this installation</h2>
          <AppInfoView versionTestId="app-version" />
        </section>
      </div>
    </div>
  );
}
