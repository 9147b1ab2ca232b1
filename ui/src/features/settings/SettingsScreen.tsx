// Settings: appearance, password storage, the team and diagnostics.
import { PasswordStorageSettings } from "../secrets/PasswordStorageSettings";
import { TeamSettings } from "../team/TeamSettings";
import { Diagnostics } from "./Diagnostics";
import { ThemeSettings } from "./ThemeSettings";

/** The Settings area. */
export function SettingsScreen() {
  return (
    <div className="screen">
      <h1 className="screen-title">Settings</h1>
      <div className="settings-stack">
        <ThemeSettings />
        <PasswordStorageSettings />
        <TeamSettings />
        <Diagnostics />
      </div>
    </div>
  );
}
