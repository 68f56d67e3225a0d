/** The two helpers, always at hand below the current step. */
import * as React from "react";
import { Button, Caption1, Divider, Subtitle2 } from "@fluentui/react-components";
import { useStyles } from "./styles";

export function Tools(props: { busy: boolean; onInputs(): void; onWhatIf(): void }): React.JSX.Element {
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby="tools-title">
      <Divider />
      <Subtitle2 id="tools-title" as="h2">Tools</Subtitle2>
      <div className={s.section}>
        <Button onClick={props.onInputs} disabled={props.busy}>
          Create inputs sheet
        </Button>
        <Caption1 className={s.muted}>A formatted sheet for spend, reps, rep cost, margin, market shares and compass ratings. Fill the yellow cells; it is never overwritten.</Caption1>
      </div>
      <div className={s.section}>
        <Button onClick={props.onWhatIf} disabled={props.busy}>
          Build what-if sheet
        </Button>
        <Caption1 className={s.muted}>Live GTM formulas wired to yellow input cells: change an assumption and watch every result move.</Caption1>
      </div>
    </section>
  );
}
