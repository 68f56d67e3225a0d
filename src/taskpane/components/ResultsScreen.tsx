/**
 * Step 4, the dashboard people come back to: when and on what it ran (with Refresh), a prompt when the
 * source changed since, the pipeline's warnings, headline tiles, two small charts (a third, days in each
 * stage, when the data has a stage history) and the findings as cards (status, a short headline, Go to
 * cell, Why? with the evidence and the question to ask next).
 */
import * as React from "react";
import { Badge, Body1, Body1Strong, Button, Caption1, Card, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, mergeClasses } from "@fluentui/react-components";
import type { HeadlineFigure } from "../../report/headline";
import type { ResultInsight, RunSummary } from "../summary";
import { formatFigure, formatWhen } from "../format";
import type { ThemeKind } from "../theme";
import { InlineNotice, type Notice } from "./Notice";
import { Footer, ScreenHeading } from "./Screen";
import { HelpLink } from "./Steps";
import { useStyles } from "./styles";

// The charting package is loaded when Results first shows, so opening the pane does not wait for it.
const FunnelByStage = React.lazy(() => import("./Charts").then((m) => ({ default: m.FunnelByStage })));
const LeverSplitChart = React.lazy(() => import("./Charts").then((m) => ({ default: m.LeverSplitChart })));
const StageHistoryChart = React.lazy(() => import("./Charts").then((m) => ({ default: m.StageHistoryChart })));

const STATUS_COLOR: Record<string, "danger" | "warning" | "success" | "informative"> = {
  "TIME BOMB": "danger",
  WATCH: "warning",
  OK: "success",
  HEALTHY: "success",
  "NO DATA": "informative",
};

/** How many finding cards before "Show every finding". */
const TOP = 6;

export interface ResultsScreenProps {
  summary: RunSummary;
  theme: ThemeKind;
  /** What changed in the source since this run, when it did. */
  changed: string | null;
  /** Shown as "Last run" (reopened) rather than "Run" (just finished). */
  restored: boolean;
  notice?: Notice | null;
  cardNotice?: { index: number; notice: Notice } | null;
  onDismiss(): void;
  onGo(sheet: string, cell: string, card?: number): void;
  onRefresh(): void;
  onColumns(): void;
  confirm?: React.ReactNode;
  busy: boolean;
}

function Tile({ f }: { f: HeadlineFigure }): React.JSX.Element {
  const s = useStyles();
  const signed = f.id === "revenueChange";
  const known = f.value !== null && Number.isFinite(f.value);
  return (
    <div className={s.tile} role="group" aria-label={f.label} data-tile={f.id} data-value={JSON.stringify(known ? f.value : null)}>
      <Caption1 className={s.muted}>{f.label}</Caption1>
      {known ? (
        <span className={mergeClasses(s.tileValue, signed && f.value! > 0 && s.up, signed && f.value! < 0 && s.down)}>{formatFigure(f.value, f.format, signed)}</span>
      ) : (
        <span className={s.tileUnknown}>{f.unknown ?? "not known"}</span>
      )}
      {f.detail ? <Caption1 className={s.muted}>{f.detail}</Caption1> : null}
    </div>
  );
}

function FindingCard(props: { insight: ResultInsight; index: number; onGo: ResultsScreenProps["onGo"]; notice?: Notice | null }): React.JSX.Element {
  const s = useStyles();
  const [open, setOpen] = React.useState(false);
  const { insight: i } = props;
  const title = i.headline ?? i.text;
  const evidence = i.why && i.why.length ? i.why : i.headline ? [i.text] : [];
  const hasWhy = evidence.length > 0 || Boolean(i.ask);
  const whyId = `why-${props.index}`;
  return (
    <li>
      <Card appearance="outline" className={s.card} data-finding={props.index}>
        <div className={s.cardHead}>
          {i.status ? (
            <Badge className={s.badge} appearance="filled" color={STATUS_COLOR[i.status] ?? "informative"} size="small">
              {i.status}
            </Badge>
          ) : null}
          {i.headline ? <Body1Strong>{title}</Body1Strong> : <Body1>{title}</Body1>}
        </div>
        <div className={s.row}>
          {i.anchor ? (
            <Button size="small" onClick={() => props.onGo(i.anchor!.sheet, i.anchor!.cell, props.index)} title={`Go to ${i.anchor.sheet}!${i.anchor.cell}`}>
              Go to cell
            </Button>
          ) : null}
          {hasWhy ? (
            <Button size="small" appearance="subtle" aria-expanded={open} aria-controls={whyId} onClick={() => setOpen(!open)}>
              {open ? "Hide why" : "Why?"}
            </Button>
          ) : null}
        </div>
        {open ? (
          <div id={whyId} className={s.section}>
            {evidence.length ? (
              <ul className={s.why}>
                {evidence.map((e, k) => (
                  <li key={k}>
                    <Caption1>{e}</Caption1>
                  </li>
                ))}
              </ul>
            ) : null}
            {i.ask ? (
              <Caption1>
                <strong>Ask next:</strong> {i.ask}
              </Caption1>
            ) : null}
          </div>
        ) : null}
        <InlineNotice notice={props.notice} />
      </Card>
    </li>
  );
}

export function ResultsScreen(props: ResultsScreenProps): React.JSX.Element {
  const s = useStyles();
  const { summary } = props;
  const [all, setAll] = React.useState(false);
  const n = (x: number): string => x.toLocaleString("en-US");
  const shown = all ? summary.insights : summary.insights.slice(0, TOP);
  return (
    <section className={s.main} aria-labelledby="results-title">
      <ScreenHeading id="results-title">What to act on</ScreenHeading>
      <div className={s.spread}>
        <Caption1 className={s.muted} data-testid="last-run">
          {props.restored ? "Last run" : "Run"} {formatWhen(summary.when)} · {summary.source.label} · {n(summary.rows.read)} rows
        </Caption1>
        <HelpLink anchor="results" />
      </div>
      {props.changed ? (
        <MessageBar intent="warning" layout="multiline" data-testid="source-changed">
          <MessageBarBody>
            <MessageBarTitle>The source changed since this analysis</MessageBarTitle>
            {summary.source.label}: {props.changed}. Refresh to analyze it as it is now.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={props.onRefresh} disabled={props.busy}>
              Refresh
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {summary.warnings.length ? (
        <div className={s.section} role="group" aria-labelledby="warnings-title" data-testid="warnings">
          <Subtitle2 as="h2" id="warnings-title">
            Check before you trust these figures
          </Subtitle2>
          {summary.warnings.map((w, k) => (
            <MessageBar key={k} intent="warning" layout="multiline">
              <MessageBarBody>
                {w.header ? <MessageBarTitle>Column “{w.header}”</MessageBarTitle> : null}
                {w.message}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={props.onColumns}>
                  Change columns
                </Button>
              </MessageBarActions>
            </MessageBar>
          ))}
        </div>
      ) : null}
      <div className={s.tiles} data-testid="tiles">
        {summary.headline.map((f) => (
          <Tile key={f.id} f={f} />
        ))}
      </div>
      <React.Suspense fallback={<Spinner size="tiny" label="Drawing the charts…" />}>
        <FunnelByStage funnel={summary.funnel} theme={props.theme} />
        <LeverSplitChart levers={summary.levers} theme={props.theme} />
        {summary.history ? <StageHistoryChart history={summary.history} theme={props.theme} onGo={props.onGo} /> : null}
      </React.Suspense>
      <div className={s.section}>
        <Subtitle2 as="h2" id="findings-title">
          Findings
        </Subtitle2>
        {summary.insights.length ? (
          <ul className={s.cards} aria-labelledby="findings-title">
            {shown.map((i, k) => (
              <FindingCard key={k} insight={i} index={k} onGo={props.onGo} notice={props.cardNotice?.index === k ? props.cardNotice.notice : null} />
            ))}
          </ul>
        ) : (
          <Body1>Nothing needs acting on: no time bomb is ticking and no lever moved enough to mention.</Body1>
        )}
        {!all && summary.insights.length > TOP ? (
          <Link as="button" onClick={() => setAll(true)}>
            Show every finding ({summary.insights.length})
          </Link>
        ) : null}
      </div>
      <div className={s.section}>
        <Caption1>
          Rows: {n(summary.rows.read)} read, {n(summary.rows.used)} used, {n(summary.rows.skipped)} skipped.
          {summary.hidden && summary.hidden.rows > 0 ? ` ${n(summary.hidden.rows)} hidden rows were left out (only the rows the filter shows were read).` : ""}
        </Caption1>
        {summary.dataIssuesSheet ? (
          <Link as="button" onClick={() => props.onGo(summary.dataIssuesSheet!, "A1")}>
            {summary.rows.skipped > 0 ? `See the ${n(summary.rows.skipped)} skipped rows and why in ${summary.dataIssuesSheet}` : `See every cell note and the column mapping in ${summary.dataIssuesSheet}`}
          </Link>
        ) : null}
        <Caption1 className={s.muted}>
          Wrote {summary.sheets.length} sheets: {summary.sheets.join(", ")}.{summary.replaced.length ? ` Replaced the last run's: ${summary.replaced.join(", ")}.` : ""}
        </Caption1>
        {summary.unprinted?.length ? (
          <Caption1 className={s.muted} data-testid="unprinted">
            Excel did not take the print setup of {summary.unprinted.join(", ")}: the sheets are complete, but set their printing yourself (Page Layout &gt; Width: 1 page).
          </Caption1>
        ) : null}
        {summary.renamed.map((r) => (
          <Caption1 key={r.wanted} className={s.muted}>
            A sheet that is not GTM Compass&apos;s own is called “{r.wanted}”, so it was left alone and the analysis went to “{r.actual}”.
          </Caption1>
        ))}
      </div>
      <Footer label="Results actions">
        <InlineNotice notice={props.notice} onDismiss={props.onDismiss} />
        {props.confirm ?? (
          <div className={s.actions}>
            <Button onClick={props.onColumns}>Change columns</Button>
            <Button appearance="primary" onClick={props.onRefresh} disabled={props.busy}>
              Refresh
            </Button>
          </div>
        )}
      </Footer>
    </section>
  );
}
