/** Step 3: progress while reading, analysing and writing, with Cancel. */
import * as React from "react";
import { Body1, Button, Field, ProgressBar, Subtitle2 } from "@fluentui/react-components";
import { describeStage, type RunStage } from "../run";
import { useStyles } from "./styles";

export function RunScreen(props: { stage: RunStage | null; cancelling: boolean; onCancel(): void }): React.JSX.Element {
  const s = useStyles();
  const d = props.stage ? describeStage(props.stage) : { value: 0, text: "Starting" };
  return (
    <section className={s.section} aria-labelledby="run-title">
      <Subtitle2 id="run-title" as="h2">Analysing your pipeline</Subtitle2>
      <Body1>Your sheets are only read. The analysis is written to new sheets whose names start with “GTM”.</Body1>
      <Field validationMessage={d.text} validationState="none" aria-live="polite">
        <ProgressBar value={d.value} thickness="large" aria-label={d.text} />
      </Field>
      <div className={s.actions}>
        <Button onClick={props.onCancel} disabled={props.cancelling}>
          {props.cancelling ? "Cancelling…" : "Cancel"}
        </Button>
      </div>
    </section>
  );
}
