// Entry point: applies the stored theme before the first paint, then mounts.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { applyTheme, loadThemeChoice, resolveTheme } from "./app/theme/theme";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/shell.css";
import "./styles/components.css";
import "./styles/widgets.css";
import "./styles/connections.css";
import "./styles/metadata.css";
import "./styles/query.css";
import "./styles/jobs.css";
import "./styles/results.css";
import "./styles/palette.css";

applyTheme(resolveTheme(loadThemeChoice()));

const root = document.getElementById("root");
if (!root) throw new Error("#root element missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
