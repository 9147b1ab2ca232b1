// Renders a screen inside the app-level providers it needs (current
// connection and shared metadata), without the shell around it.
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { CurrentConnectionProvider } from "../app/connection/CurrentConnectionProvider";
import { TaskListProvider } from "../app/tasks/TaskListProvider";
import { MetadataProvider } from "../shared/metadata/MetadataProvider";

/** `render` with CurrentConnectionProvider and MetadataProvider around `ui`. */
export function renderWithProviders(ui: ReactElement) {
  return render(
    <CurrentConnectionProvider>
      <MetadataProvider>
        <TaskListProvider>{ui}</TaskListProvider>
      </MetadataProvider>
    </CurrentConnectionProvider>,
  );
}
