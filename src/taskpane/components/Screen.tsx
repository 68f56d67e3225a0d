/** A screen's heading (the page's one h1, focused when the screen opens) and its sticky footer. */
import * as React from "react";
import { Subtitle1 } from "@fluentui/react-components";
import { useStyles } from "./styles";

export function ScreenHeading({ id, children }: { id: string; children: React.ReactNode }): React.JSX.Element {
  const s = useStyles();
  return (
    <Subtitle1 as="h1" id={id} tabIndex={-1} className={s.heading}>
      {children}
    </Subtitle1>
  );
}

/** Back / next actions and what they are about to do, kept in view at the bottom of the pane. */
export function Footer({ children, label }: { children: React.ReactNode; label: string }): React.JSX.Element {
  const s = useStyles();
  return (
    <footer className={s.footer} aria-label={label}>
      {children}
    </footer>
  );
}
