// Task pane entry: Office.onReady lives only here.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, tokens } from "@fluentui/react-components";
import { App } from "./App";
import { officeHost } from "./excel/host";
import { fluentTheme, themeKind, type OfficeThemeLike, type ThemeKind } from "./theme";

function OpenFromExcel(): React.JSX.Element {
  return (
    <main style={{ padding: 16 }}>
      <h1 style={{ fontSize: 20 }}>GTM Compass</h1>
      <p>This pane works inside Excel. Open it from Excel: Home tab, GTM Compass.</p>
    </main>
  );
}

function officeTheme(): OfficeThemeLike | null {
  try {
    const office = (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeLike } } }).Office;
    return office?.context?.officeTheme ?? null;
  } catch {
    // Some hosts throw when the theme is read outside their support matrix.
    return null;
  }
}

const forcedColors = (): MediaQueryList | null => (typeof matchMedia === "function" ? matchMedia("(forced-colors: active)") : null);

function Root({ inExcel }: { inExcel: boolean }): React.JSX.Element {
  const [kind, setKind] = React.useState<ThemeKind>(() => themeKind(officeTheme(), forcedColors()?.matches ?? false));
  React.useEffect(() => {
    const mq = forcedColors();
    if (!mq) return;
    const onChange = () => setKind(themeKind(officeTheme(), mq.matches));
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, []);
  return (
    <FluentProvider theme={fluentTheme(kind)} style={{ minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 }} data-theme={kind}>
      {inExcel ? <App host={officeHost()} theme={kind} /> : <OpenFromExcel />}
    </FluentProvider>
  );
}

Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) return;
  document.body.style.margin = "0";
  const inExcel = typeof (globalThis as { Excel?: { run?: unknown } }).Excel?.run === "function";
  createRoot(root).render(<Root inExcel={inExcel} />);
});
