/** Step 3: progress while reading, analyzing and writing, with Cancel. */
import * as React from "react";
import { Body1, Button, Field, ProgressBar } from "@fluentui/react-components";
import { describeStage, type RunStage } from "../run";
import { Footer, ScreenHeading } from "./Screen";
import { useStyles } from "./styles";

export function RunScreen(props: { stage: RunStage | null; cancelling: boolean; onCancel(): void }): React.JSX.Element {
  const s = useStyles();
  const d = props.stage ? describeStage(props.stage) : { value: 0, text: "Starting" };
  return (
    <section className={s.main} aria-labelledby="run-title">
      <ScreenHeading id="run-title">Analyzing your pipeline</ScreenHeading>
      <Body1>Your sheets are only read. The analysis is written to new sheets whose names start with “GTM”.</Body1>
      <Field validationMessage={d.text} validationState="none" aria-live="polite">
        <ProgressBar value={d.value} thickness="large" aria-label={d.text} />
      </Field>
      <Footer label="Analyze actions">
        <div className={s.actions}>
          <Button onClick={props.onCancel} disabled={props.cancelling}>
            {props.cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        </div>
      </Footer>
    </section>
  );
}
