// Theme choice as a radio group; shares state with the header switch.
import { THEME_OPTIONS } from "../../app/theme/theme";
import { useTheme } from "../../app/theme/themeContext";

/** The Appearance section of Settings. */
export function ThemeSettings() {
  const { choice, setChoice } = useTheme();
  return (
    <section className="panel" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="radio-group">
        <legend>Theme</legend>
        {THEME_OPTIONS.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={choice === option.value}
              onChange={() => { setChoice(option.value); }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint">System follows your operating system's light, dark and increased-contrast settings.</p>
    </section>
  );
}
