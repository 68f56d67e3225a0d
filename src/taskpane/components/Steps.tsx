/** Where the user is: Source, Columns, Run, Results. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import { useStyles } from "./styles";

export type Screen = "source" | "mapping" | "run" | "results";
const STEPS: { id: Screen; label: string }[] = [
  { id: "source", label: "1 Source" },
  { id: "mapping", label: "2 Columns" },
  { id: "run", label: "3 Analyze" },
  { id: "results", label: "4 Results" },
];

export function Steps({ current }: { current: Screen }): React.JSX.Element {
  const s = useStyles();
  const at = STEPS.findIndex((x) => x.id === current);
  return (
    <nav className={s.steps} aria-label="Steps">
      {STEPS.map((step, i) => (
        <Badge key={step.id} appearance={i === at ? "filled" : "outline"} color={i < at ? "success" : i === at ? "brand" : "informative"} aria-current={i === at ? "step" : undefined}>
          {step.label}
        </Badge>
      ))}
    </nav>
  );
}
