/**
 * The two small Results charts, drawn with Fluent UI's own charting package (@fluentui/react-charts: the
 * same tokens and themes as the rest of the pane, dark and high contrast included): deals reaching each
 * stage, and the latest revenue change split into the three levers.
 */
import * as React from "react";
import { Caption1, Subtitle2 } from "@fluentui/react-components";
import { DataVizPalette, FunnelChart, HorizontalBarChartWithAxis, getColorFromToken } from "@fluentui/react-charts";
import type { LeverSplit, RunSummary } from "../summary";
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
          hideLegend
          hideLabels
          barHeight={18}
          chartTitle={title}
          yAxisPadding={0.3}
          showYAxisLables
          xAxisTickCount={3}
          margins={{ left: 110, right: 16, top: 8, bottom: 28 }}
          culture="en-US"
        />
        </div>
      ) : null}
      <Caption1 className={s.muted}>
        {drawable ? `${words}. Together ${formatFigure(levers!.revenueChange, "currency", true)}.` : levers?.note ? `Not known: ${levers.note}` : "Not known: the data needs won amounts in two complete periods."}
      </Caption1>
    </figure>
  );
}
