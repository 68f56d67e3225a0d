/** Step 4: what to act on, each line a link to the cell it comes from. */
import * as React from "react";
import { Badge, Body1, Button, Caption1, Link, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import type { ResultInsight, RunOutcome } from "../run";
import { useStyles } from "./styles";

const STATUS_COLOR: Record<string, "danger" | "warning" | "success" | "informative"> = {
  "TIME BOMB": "danger",
  WATCH: "warning",
  OK: "success",
  HEALTHY: "success",
  "NO DATA": "informative",
};

const GROUPS: { title: string; kinds: ResultInsight["kind"][] }[] = [
  { title: "Time bombs", kinds: ["timeBomb"] },
  { title: "Growth levers", kinds: ["lever", "gear"] },
  { title: "Funnel and segments", kinds: ["funnel", "segment", "compass"] },
  { title: "Data", kinds: ["data"] },
];

/** How many lines per group before "show all". */
const TOP = 5;

export interface ResultsScreenProps {
  outcome: RunOutcome;
  onGo(sheet: string, cell: string): void;
  onRunAgain(): void;
  onColumns(): void;
}

function Line({ insight, onGo }: { insight: ResultInsight; onGo(sheet: string, cell: string): void }): React.JSX.Element {
  const s = useStyles();
  const a = insight.anchor;
  return (
    <li className={s.insight}>
      {insight.status ? (
        <Badge className={s.badge} appearance="tint" color={STATUS_COLOR[insight.status] ?? "informative"} size="small">
          {insight.status}
        </Badge>
      ) : null}
      {a ? (
        <Link as="button" onClick={() => onGo(a.sheet, a.cell)} title={`Go to ${a.sheet}!${a.cell}`}>
          {insight.text}
        </Link>
      ) : (
        <Body1>{insight.text}</Body1>
      )}
    </li>
  );
}

export function ResultsScreen(props: ResultsScreenProps): React.JSX.Element {
  const s = useStyles();
  const { outcome } = props;
  const [all, setAll] = React.useState(false);
  const n = (x: number): string => x.toLocaleString("en-US");
  const sheets = Object.values(outcome.write.names);
  return (
    <section className={s.section} aria-labelledby="results-title">
      <Subtitle2 id="results-title" as="h2">What to act on</Subtitle2>
      <MessageBar intent="success">
        <MessageBarBody>
          Wrote {sheets.length} sheets: {sheets.join(", ")}.{outcome.write.replaced.length ? " The sheets from the previous run were replaced." : ""}
        </MessageBarBody>
      </MessageBar>
      {outcome.write.renamed.map((r) => (
        <MessageBar key={r.wanted} intent="info">
          <MessageBarBody>
            A sheet of yours is already called “{r.wanted}”, so it was left alone and the analysis went to “{r.actual}”.
          </MessageBarBody>
        </MessageBar>
      ))}
      {GROUPS.map((g) => {
        const lines = outcome.insights.filter((i) => g.kinds.includes(i.kind));
        if (!lines.length) return null;
        const shown = all ? lines : lines.slice(0, TOP);
        return (
          <div key={g.title} className={s.section}>
            <Body1 as="h3" style={{ fontWeight: 600, margin: 0 }}>
              {g.title}
            </Body1>
            <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {shown.map((i, k) => (
                <Line key={k} insight={i} onGo={props.onGo} />
              ))}
            </ul>
          </div>
        );
      })}
      {!all && GROUPS.some((g) => outcome.insights.filter((i) => g.kinds.includes(i.kind)).length > TOP) ? (
        <Link as="button" onClick={() => setAll(true)}>
          Show every finding
        </Link>
      ) : null}
      <div className={s.section}>
        <Caption1>
          Rows: {n(outcome.rows.read)} read, {n(outcome.rows.used)} used, {n(outcome.rows.skipped)} skipped.
        </Caption1>
        {outcome.dataIssuesSheet ? (
          <Link as="button" onClick={() => props.onGo(outcome.dataIssuesSheet!, "A1")}>
            {outcome.rows.skipped > 0 ? `See the ${n(outcome.rows.skipped)} skipped rows and why in ${outcome.dataIssuesSheet}` : `See every cell note and the column mapping in ${outcome.dataIssuesSheet}`}
          </Link>
        ) : null}
      </div>
      <div className={s.actions}>
        <Button onClick={props.onColumns}>Change columns</Button>
        <Button appearance="primary" onClick={props.onRunAgain}>
          Run again
        </Button>
      </div>
    </section>
  );
}
