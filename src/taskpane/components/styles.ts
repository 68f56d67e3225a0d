/** Shared task-pane styles (Fluent UI v9 tokens, so the pane follows the Office theme's look). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: "560px",
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  steps: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, justifyContent: "flex-end", flexWrap: "wrap", marginTop: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  sourceOption: { display: "flex", flexDirection: "column", paddingBottom: tokens.spacingVerticalXS },
  fieldRow: {
    display: "grid",
    gridTemplateColumns: "minmax(90px, 35%) 1fr",
    alignItems: "start",
    columnGap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  fieldLabel: { display: "flex", flexDirection: "column", paddingTop: "6px" },
  dropdown: { minWidth: "0", width: "100%" },
  insight: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  badge: { flexShrink: 0, marginTop: "2px" },
  card: { padding: tokens.spacingVerticalS },
});
