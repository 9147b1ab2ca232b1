// The title bar: product mark and name, the quick theme switch, the command
// palette button and About.
import { useContext } from "react";
import { ActionsContext } from "./actions/actionsContext";
import { Logo } from "./Logo";
import { PALETTE_CHORD, chordLabel, chordsAria } from "./shortcuts";
import { THEME_OPTIONS, isThemeChoice } from "./theme/theme";
import { useTheme } from "./theme/themeContext";

/** The application header. */
export function Header({ onAbout }: { onAbout: () => void }) {
  const { choice, setChoice } = useTheme();
  const actions = useContext(ActionsContext);
  return (
    <header className="header">
      <div className="brand">
        <Logo size={22} />
        <span className="brand-name" data-testid="app-title">
          RETS Data Portal
        </span>
      </div>
      <div className="header-actions">
        <label className="inline-field">
          <span>Theme</span>
          <select
            className="select"
            data-testid="theme-select"
            value={choice}
            onChange={(event) => {
              if (isThemeChoice(event.target.value)) setChoice(event.target.value);
            }}
          >
            {THEME_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {actions && (
          <button
            type="button"
            className="button"
            data-testid="palette-open"
            aria-keyshortcuts={chordsAria([PALETTE_CHORD])}
            onClick={actions.openPalette}
          >
            Commands <kbd className="header-kbd">{chordLabel(PALETTE_CHORD)}</kbd>
          </button>
        )}
        <button type="button" className="button" data-testid="about-open" onClick={onAbout}>
          About
        </button>
      </div>
    </header>
  );
}
