/** Where the user is (Source, Columns, Analyze, Results), and the Tools menu. */
import * as React from "react";
import { Badge, Link, Menu, MenuButton, MenuDivider, MenuItem, MenuItemLink, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { useStyles } from "./styles";

export type Screen = "source" | "mapping" | "run" | "results";
export const STEPS: { id: Screen; label: string; title: string }[] = [
  { id: "source", label: "1 Source", title: "Where is your pipeline?" },
  { id: "mapping", label: "2 Columns", title: "Check the columns" },
  { id: "run", label: "3 Analyze", title: "Analyzing your pipeline" },
  { id: "results", label: "4 Results", title: "What to act on" },
];

/** Help pages built from docs/ beside the pane (help/taskpane.html). */
export const HELP = "help/taskpane.html";

export function HelpLink({ anchor, children }: { anchor?: string; children?: React.ReactNode }): React.JSX.Element {
  return (
    <Link href={`${HELP}${anchor ? `#${anchor}` : ""}`} target="_blank" rel="noopener">
      {children ?? "Help"}
    </Link>
  );
}

export interface ToolsProps {
  busy: boolean;
  onInputs(): void;
  onWhatIf(): void;
  onSample(): void;
}

export function Header(props: { current: Screen; tools: ToolsProps }): React.JSX.Element {
  const s = useStyles();
  const at = STEPS.findIndex((x) => x.id === props.current);
  return (
    <header className={s.header}>
      <nav className={s.steps} aria-label="Steps">
        {STEPS.map((step, i) => (
          <Badge key={step.id} appearance={i === at ? "filled" : "outline"} color={i < at ? "success" : i === at ? "brand" : "informative"} aria-current={i === at ? "step" : undefined}>
            {step.label}
          </Badge>
        ))}
      </nav>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small" appearance="subtle" disabled={props.tools.busy}>
            Tools
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={props.tools.onInputs}>Create inputs sheet</MenuItem>
            <MenuItem onClick={props.tools.onWhatIf}>Build what-if sheet</MenuItem>
            <MenuItem onClick={props.tools.onSample}>Try the sample pipeline</MenuItem>
            <MenuDivider />
            <MenuItemLink href={HELP} target="_blank" rel="noopener">
              Help
            </MenuItemLink>
          </MenuList>
        </MenuPopover>
      </Menu>
    </header>
  );
}
