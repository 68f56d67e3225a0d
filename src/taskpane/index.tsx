// Task pane entry: Office.onReady lives only here.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { officeHost } from "./excel/host";

function OpenFromExcel(): React.JSX.Element {
  return (
    <main style={{ padding: 16, fontFamily: "Segoe UI, sans-serif" }}>
      <h1 style={{ fontSize: 20 }}>GTM Compass</h1>
      <p>This pane works inside Excel. Open it from Excel: Home tab, GTM Compass.</p>
    </main>
  );
}

Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) return;
  const inExcel = typeof (globalThis as { Excel?: { run?: unknown } }).Excel?.run === "function";
  createRoot(root).render(<FluentProvider theme={webLightTheme}>{inExcel ? <App host={officeHost()} /> : <OpenFromExcel />}</FluentProvider>);
});
