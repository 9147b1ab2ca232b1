// Lets a screen send the user to another area (e.g. an error's next step
// "Test the connection" opens Connections) without knowing the shell.
import { createContext, useContext } from "react";
import type { AreaId } from "./areas";

/** Opens an area; provided by the shell. */
export const NavigationContext = createContext<((id: AreaId) => void) | null>(null);

/** The shell's area switcher, or null outside the shell (e.g. a screen rendered alone in a test). */
export function useNavigate(): ((id: AreaId) => void) | null {
  return useContext(NavigationContext);
}
