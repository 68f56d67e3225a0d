/**
 * The pane follows Office's theme: Office.context.officeTheme says dark (Black, Dark Gray) or light
 * (Colorful, White); Windows high contrast shows as forced colors. Each maps to a Fluent UI theme, so every
 * control, chart and status colour follows.
 */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type ThemeKind = "light" | "dark" | "high-contrast";

/** The part of Office.OfficeTheme we read. */
export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/** Relative luminance of "#RRGGBB" (WCAG), NaN for anything else. */
function luminance(hex: string | undefined): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? "");
  if (!m) return NaN;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeKind(office: OfficeThemeLike | null | undefined, forcedColors: boolean): ThemeKind {
  if (forcedColors) return "high-contrast";
  if (!office) return "light";
  if (typeof office.isDarkTheme === "boolean") return office.isDarkTheme ? "dark" : "light";
  // Hosts without isDarkTheme still give the body colour.
  const l = luminance(office.bodyBackgroundColor);
  return l < 0.2 ? "dark" : "light";
}

export function fluentTheme(kind: ThemeKind): Theme {
  return kind === "dark" ? webDarkTheme : kind === "high-contrast" ? teamsHighContrastTheme : webLightTheme;
}
