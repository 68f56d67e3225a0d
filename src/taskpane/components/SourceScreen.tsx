/** Step 1: which table or sheet holds the pipeline. */
import * as React from "react";
import { Badge, Body1, Button, Caption1, Card, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Switch } from "@fluentui/react-components";
import type { SelectionNote } from "../excel/read";
import type { SourceCandidate } from "../excel/sources";
import { InlineNotice, type Notice } from "./Notice";
import { Footer, ScreenHeading } from "./Screen";
import { HelpLink } from "./Steps";
import { useStyles } from "./styles";

export interface SourceScreenProps {
  sources: SourceCandidate[] | null;
  selection?: SelectionNote;
  selected: string | null;
  includeHidden: boolean;
  notice?: Notice | null;
  sampleBusy: boolean;
  onSelect(id: string): void;
  onIncludeHidden(on: boolean): void;
  onRefresh(): void;
  onSample(): void;
  onNext(): void;
  onDismiss(): void;
}

const n = (x: number): string => x.toLocaleString("en-US");
const rows = (x: number): string => `${n(x)} row${x === 1 ? "" : "s"}`;

function describe(s: SourceCandidate): string {
  const kind = s.kind === "table" ? "Excel table" : s.kind === "sheet" ? "Sheet" : "Your selection";
  return `${kind} · ${rows(s.dataRows)} under the header`;
}

export function SourceScreen(props: SourceScreenProps): React.JSX.Element {
  const s = useStyles();
  const { sources, selected } = props;
  const current = sources?.find((x) => x.id === selected);
  const noPipeline = sources !== null && !sources.some((x) => x.inspection.looksLikePipeline);
  const hidden = current?.visibleRows !== undefined ? current.rowCount - current.visibleRows : 0;
  return (
    <section className={s.main} aria-labelledby="source-title">
      <ScreenHeading id="source-title">Where is your pipeline?</ScreenHeading>
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
                      <Badge appearance="tint" color="success" size="small">
                        looks like a pipeline
                      </Badge>
                    ) : null}
                  </span>
                  <Caption1 className={s.muted}>{describe(src)}</Caption1>
                  {src.clippedFrom ? <Caption1 className={s.muted}>You selected {src.clippedFrom}; only its cells in use are read.</Caption1> : null}
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
      {props.selection?.kind === "multi-area" ? (
        <MessageBar intent="info">
          <MessageBarBody>
            Your selection has {props.selection.areas} separate areas ({props.selection.address}), so it is not offered. Select one block, headers included, and press Refresh.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {current && hidden > 0 ? (
        <div className={s.section}>
          <MessageBar intent="info">
            <MessageBarBody>
              {current.filtered ? `The table ${current.table} has a filter on: ` : `${rows(hidden)} of ${current.label} are hidden: `}
              {props.includeHidden
                ? `every row is read, the ${rows(hidden)} it hides included.`
                : `GTM Compass reads only the ${n(Math.max(0, current.visibleRows! - Math.max(0, current.inspection.headerRowIndex) - 1))} data rows it shows and leaves out the ${rows(hidden)} it hides.`}
            </MessageBarBody>
          </MessageBar>
          <Switch checked={!props.includeHidden} onChange={(_, d) => props.onIncludeHidden(!d.checked)} label="Read only the rows the filter shows" />
        </div>
      ) : null}
      {current && !current.inspection.looksLikePipeline ? (
        <MessageBar intent="info">
          <MessageBarBody>This one does not look like a deals list. You can still go on and say which column is which.</MessageBarBody>
        </MessageBar>
      ) : null}
      {noPipeline ? (
        <Card appearance="filled-alternative">
          <Body1>
            <strong>New to GTM Compass?</strong> Try it on a sample: two years of a software seller&apos;s deals, leads and spend, with three time bombs ticking. It goes into new
            sheets; nothing of yours changes.
          </Body1>
          <div className={s.row}>
            <Button appearance="primary" onClick={props.onSample} disabled={props.sampleBusy}>
              Try the sample pipeline
            </Button>
            <HelpLink anchor="source">How the pane reads a sheet</HelpLink>
          </div>
        </Card>
      ) : null}
      <InlineNotice notice={props.notice} onDismiss={props.onDismiss} />
      <Footer label="Source actions">
        <div className={s.actions}>
          <Button appearance="subtle" onClick={props.onRefresh}>
            Refresh
          </Button>
          <Button appearance="primary" disabled={!current} onClick={props.onNext}>
            Next: check columns
          </Button>
        </div>
      </Footer>
    </section>
  );
}
