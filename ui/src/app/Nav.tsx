// Left navigation over all product areas. Areas not in this version stay
// visible but inert (aria-disabled) with a "soon" badge and an explanation.
import { AREAS, type AreaId } from "./areas";
import { areaAriaShortcuts, areaShortcut, shortcutLabel } from "./shortcuts";

/** Props of `Nav`. */
export interface NavProps {
  active: AreaId;
  onSelect: (id: AreaId) => void;
}

/** The product-area navigation. */
export function Nav({ active, onSelect }: NavProps) {
  return (
    <nav className="nav" aria-label="Product areas">
      <ul className="nav-list">
        {AREAS.map((area) => {
          const shortcut = areaShortcut(area.id);
          const keys = area.id === "settings" ? `${shortcut} or ${shortcutLabel(",")}` : shortcut;
          const tooltip = area.available
            ? `${area.label} — ${area.description} (${keys})`
            : `${area.label} arrives in a later version — ${area.description}`;
          return (
            <li key={area.id}>
              <button
                type="button"
                className="nav-item"
                data-testid={`nav-${area.id}`}
                title={tooltip}
                aria-current={area.id === active ? "page" : undefined}
                aria-disabled={area.available ? undefined : true}
                aria-keyshortcuts={area.available ? areaAriaShortcuts(area.id) : undefined}
                onClick={() => {
                  if (area.available) onSelect(area.id);
                }}
              >
                <span className="nav-label">{area.label}</span>
                {area.available ? (
                  <kbd className="nav-kbd" aria-hidden="true">
                    {shortcut}
                  </kbd>
                ) : (
                  <span className="badge">soon</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
