/** Before a run replaces anything: the sheets it will replace, by name, and the ones it keeps. */
import * as React from "react";
import { Body1, Button, Caption1, Checkbox } from "@fluentui/react-components";
import type { ReplacementPlan } from "../excel/owned";
import { useStyles } from "./styles";

const names = (xs: { name: string }[]): string => xs.map((x) => `“${x.name}”`).join(", ");

export function ReplaceConfirm(props: {
  plan: ReplacementPlan;
  includeUnrecorded: boolean;
  onIncludeUnrecorded(on: boolean): void;
  onCancel(): void;
  onConfirm(): void;
  verb: string;
}): React.JSX.Element {
  const s = useStyles();
  const { plan } = props;
  const renamed = plan.kept.filter((k) => k.why === "renamed");
  const other = plan.kept.filter((k) => k.why !== "renamed");
  const count = plan.replace.length + (props.includeUnrecorded ? plan.unrecorded.length : 0);
  return (
    <div className={s.section} role="group" aria-labelledby="replace-title" data-testid="replace-confirm">
      <Body1 id="replace-title">
        {plan.replace.length ? (
          <>
            {props.verb} replaces the {plan.replace.length} sheet{plan.replace.length === 1 ? "" : "s"} the last analysis wrote: {names(plan.replace)}.
          </>
        ) : (
          <>{props.verb} writes new sheets.</>
        )}
      </Body1>
      {plan.unrecorded.length ? (
        <Checkbox
          checked={props.includeUnrecorded}
          onChange={(_, d) => props.onIncludeUnrecorded(d.checked === true)}
          label={`Also replace ${names(plan.unrecorded)}: marked as GTM Compass output, but this workbook has no record of writing them (the command line's, or an older version's). Unticked, they stay and the new sheets get “(2)” names.`}
        />
      ) : null}
      {renamed.length ? <Caption1 className={s.muted}>Kept, because you renamed {renamed.length === 1 ? "it" : "them"}: {names(renamed)}.</Caption1> : null}
      {other.length ? <Caption1 className={s.muted}>Kept, because the last analysis did not write {other.length === 1 ? "it" : "them"} (a copy, say): {names(other)}.</Caption1> : null}
      <div className={s.actions}>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button appearance="primary" onClick={props.onConfirm}>
          {count ? `Replace ${count} and ${props.verb.toLowerCase()}` : props.verb}
        </Button>
      </div>
    </div>
  );
}
