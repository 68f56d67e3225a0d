/** Step 1: which table or sheet holds the pipeline. */
import * as React from "react";
import { Badge, Body1, Button, Caption1, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Subtitle2 } from "@fluentui/react-components";
import type { SourceCandidate } from "../excel/sources";
import { useStyles } from "./styles";

export interface SourceScreenProps {
  sources: SourceCandidate[] | null;
  selected: string | null;
  onSelect(id: string): void;
  onRefresh(): void;
  onNext(): void;
}

const rows = (n: number): string => `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;

function describe(s: SourceCandidate): string {
  const kind = s.kind === "table" ? "Excel table" : s.kind === "sheet" ? "Sheet" : "Your selection";
  return `${kind} · ${rows(s.dataRows)} under the header`;
}

export function SourceScreen(props: SourceScreenProps): React.JSX.Element {
  const s = useStyles();
  const { sources, selected } = props;
  const current = sources?.find((x) => x.id === selected);
  return (
    <section className={s.section} aria-labelledby="source-title">
      <Subtitle2 id="source-title" as="h2">Where is your pipeline?</Subtitle2>
      <Body1>Pick the table or sheet that holds your deals. GTM Compass only reads it: nothing in it changes.</Body1>
      {sources === null ? (
        <Spinner size="small" label="Looking for tables and sheets…" />
      ) : sources.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No table or sheet with a header row was found. Select your pipeline (headers included) in the sheet, then press Refresh.</MessageBarBody>
        </MessageBar>
      ) : (
        <RadioGroup value={selected ?? ""} onChange={(_, d) => props.onSelect(d.value)} aria-labelledby="source-title">
          {sources.map((src) => (
            <Radio
              key={src.id}
              value={src.id}
              label={
                <span className={s.sourceOption}>
                  <span className={s.row}>
                    <Body1>{src.label}</Body1>
                    {src.inspection.looksLikePipeline ? (
                      <Badge appearance="tint" color="success" size="small">looks like a pipeline</Badge>
                    ) : null}
                  </span>
                  <Caption1 className={s.muted}>{describe(src)}</Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
      {current?.filtered ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            The table {current.table} has a filter on. GTM Compass reads all its rows, including the ones the filter hides. To analyse only some rows, select them and pick “Your selection”.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {current && !current.inspection.looksLikePipeline ? (
        <MessageBar intent="info">
          <MessageBarBody>This one does not look like a deals list. You can still go on and say which column is which.</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        <Button appearance="subtle" onClick={props.onRefresh}>Refresh</Button>
        <Button appearance="primary" disabled={!current} onClick={props.onNext}>Next: check columns</Button>
      </div>
    </section>
  );
}
