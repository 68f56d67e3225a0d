/**
 * The two small Results charts, drawn with Fluent UI's own charting package (@fluentui/react-charts: the
 * same tokens and themes as the rest of the pane, dark and high contrast included): deals reaching each
 * stage, and the latest revenue change split into the three levers; and, with a stage history, days in
 * each stage.
 */
import * as React from "react";
import { Caption1, Link, Subtitle2 } from "@fluentui/react-components";
import { DataVizPalette, FunnelChart, HorizontalBarChartWithAxis, getColorFromToken } from "@fluentui/react-charts";
import type { LeverSplit, RunSummary } from "../summary";
import type { HistoryFigures } from "../../report/history-figures";
import { formatFigure } from "../format";
import type { ThemeKind } from "../theme";
import { useStyles } from "./styles";

/** The width of an element, following resizes of the pane. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = React.useState(0);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** How both horizontal bar charts draw their axes: labels on the left, three ticks, no legend. */
const BAR_AXES = {
  hideLegend: true,
  hideLabels: true,
  yAxisPadding: 0.3,
  showYAxisLables: true,
  xAxisTickCount: 3,
  margins: { left: 110, right: 16, top: 8, bottom: 28 },
  culture: "en-US",
} as const;

const STAGE_COLORS = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3, DataVizPalette.color4, DataVizPalette.color5, DataVizPalette.color6, DataVizPalette.color7, DataVizPalette.color8];

export function FunnelByStage({ funnel, theme }: { funnel: RunSummary["funnel"]; theme: ThemeKind }): React.JSX.Element {
  const s = useStyles();
  const [ref, width] = useWidth();
  const dark = theme === "dark";
  const stages = funnel.filter((f) => f.reached > 0);
  const words = stages.map((f) => `${f.stage} ${f.reached.toLocaleString("en-US")}`).join(" → ");
  return (
    <figure className={s.chart} ref={ref} aria-labelledby="funnel-chart-title" data-chart="funnel" style={{ margin: 0 }}>
      <Subtitle2 as="h2" id="funnel-chart-title">
        Deals reaching each stage
      </Subtitle2>
      {stages.length >= 2 && width > 0 ? (
        <FunnelChart
          data={stages.map((f, i) => ({ stage: f.stage, value: f.reached, color: getColorFromToken(STAGE_COLORS[i % STAGE_COLORS.length], dark) }))}
          width={Math.max(200, width - 16)}
          height={Math.min(280, 32 * stages.length + 40)}
          orientation="vertical"
          culture="en-US"
          hideLegend
          chartTitle="Deals reaching each stage"
        />
      ) : null}
      <Caption1 className={s.muted}>{stages.length >= 2 ? words : "Not known: the data has no stages between created and closed to draw."}</Caption1>
    </figure>
  );
}

const LEVERS: { key: keyof Pick<LeverSplit, "customers" | "frequency" | "averageDeal">; label: string }[] = [
  { key: "customers", label: "Customers" },
  { key: "frequency", label: "Purchases each" },
  { key: "averageDeal", label: "Average deal" },
];

export function LeverSplitChart({ levers, theme }: { levers: LeverSplit | null; theme: ThemeKind }): React.JSX.Element {
  const s = useStyles();
  const [ref, width] = useWidth();
  const dark = theme === "dark";
  const title = levers ? `Revenue change ${levers.from} → ${levers.to}, by lever` : "Revenue change by lever";
  const drawable = levers !== null && levers.defined && LEVERS.every((l) => Number.isFinite(levers[l.key]));
  const words = levers && drawable ? LEVERS.map((l) => `${l.label} ${formatFigure(levers[l.key], "currency", true)}`).join(", ") : null;
  return (
    <figure
      className={s.chart}
      ref={ref}
      aria-labelledby="lever-chart-title"
      data-chart="levers"
      data-split={drawable ? JSON.stringify(LEVERS.map((l) => levers![l.key])) : undefined}
      style={{ margin: 0 }}
    >
      <Subtitle2 as="h2" id="lever-chart-title">
        {title}
      </Subtitle2>
      {drawable && width > 0 ? (
        // Cartesian charts take their height from their container.
        <div style={{ height: 140 }}>
        <HorizontalBarChartWithAxis
          data={LEVERS.map((l) => {
            const x = levers![l.key];
            return { x, y: l.label, color: getColorFromToken(x >= 0 ? DataVizPalette.success : DataVizPalette.error, dark), xAxisCalloutData: formatFigure(x, "currency", true) };
          })}
          width={Math.max(220, width - 16)}
          height={140}
          barHeight={18}
          chartTitle={title}
          {...BAR_AXES}
        />
        </div>
      ) : null}
      <Caption1 className={s.muted}>
        {drawable ? `${words}. Together ${formatFigure(levers!.revenueChange, "currency", true)}.` : levers?.note ? `Not known: ${levers.note}` : "Not known: the data needs won amounts in two complete periods."}
      </Caption1>
    </figure>
  );
}

/**
 * Stage history (when the data has one): median days in each stage as bars, and under them each stage's
 * conversion and days in words, where most lost deals left from and the slowest stage. The figures are the
 * report's own (historyFigures() in src/report/history-figures.ts, as on GTM Stages).
 */
export function StageHistoryChart({ history, theme, onGo }: { history: HistoryFigures; theme: ThemeKind; onGo: (sheet: string, cell: string) => void }): React.JSX.Element {
  const s = useStyles();
  const [ref, width] = useWidth();
  const dark = theme === "dark";
  const timed = history.stages.filter((f) => f.medianDays !== null);
  const days = (d: number | null) => (d === null ? "days not known" : `${formatFigure(d, "days")} median`);
  // HubSpot's "any stage" conversion: above 100% when deals reach the next stage without passing this one
  const conv = (c: number | null) =>
    c === null ? "next stage not known" : c > 1 ? `more deals reached the next stage than entered this one (${formatFigure(c, "percent")}): deals skip it` : `${formatFigure(c, "percent")} reached the next stage`;
  return (
    <figure
      className={s.chart}
      ref={ref}
      aria-labelledby="history-chart-title"
      data-chart="history"
      data-days={JSON.stringify(history.stages.map((f) => [f.stage, f.medianDays]))}
      data-conversion={JSON.stringify(history.stages.map((f) => [f.stage, f.conversion]))}
      style={{ margin: 0 }}
    >
      <Subtitle2 as="h2" id="history-chart-title">
        Days in each stage
      </Subtitle2>
      {timed.length >= 1 && width > 0 ? (
        <div style={{ height: 40 + 26 * timed.length }}>
          <HorizontalBarChartWithAxis
            // the chart draws its first point at the bottom: reversed, the stages read top-down in funnel order
            data={timed
              .map((f, i) => ({ x: f.medianDays as number, y: f.stage, color: getColorFromToken(STAGE_COLORS[i % STAGE_COLORS.length], dark), xAxisCalloutData: formatFigure(f.medianDays, "days") }))
              .reverse()}
            width={Math.max(220, width - 16)}
            height={40 + 26 * timed.length}
            barHeight={16}
            chartTitle="Median days in each stage"
            {...BAR_AXES}
          />
        </div>
      ) : null}
      <ul className={s.why} data-testid="history-stages">
        {history.stages.map((f) => (
          <li key={f.stage}>
            <Caption1>
              {f.stage}: {f.deals.toLocaleString("en-US")} {f.deals === 1 ? "deal" : "deals"} entered, {conv(f.conversion)}, {days(f.medianDays)}
            </Caption1>
          </li>
        ))}
      </ul>
      <Caption1 className={s.muted} data-testid="history-summary">
        {history.whereDealsDie ? `Most lost deals left from ${history.whereDealsDie.stage} (${history.whereDealsDie.lost.toLocaleString("en-US")}${history.whereDealsDie.share !== null ? `, ${formatFigure(history.whereDealsDie.share, "percent")} of the lost` : ""}). ` : ""}
        {history.slowest ? `Slowest stage: ${history.slowest.stage}, ${formatFigure(history.slowest.medianDays, "days")} median. ` : "Days in stage not known: no stay has both an entry and an exit date. "}
        From the stage history of {history.dealsWithHistory.toLocaleString("en-US")} deals.
      </Caption1>
      <Link as="button" onClick={() => onGo(history.anchor.sheet, history.anchor.cell)}>
        See every stage in {history.anchor.sheet}
      </Link>
    </figure>
  );
}
