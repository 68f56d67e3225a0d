/** The task pane: Source -> Columns -> Analyze -> Results, with the two helpers below. */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Title3 } from "@fluentui/react-components";
import { inspectSheet, inputsTemplate, PipelineError } from "../pipeline";
import type { PeriodKind } from "../model/calendar";
import { CancelledError, describeError, type ExcelHost } from "./excel";
import { listSources, type SourceCandidate } from "./excel/sources";
import { lastSource, recall, remember } from "./excel/settings";
import { selectCell } from "./excel/navigate";
import { buildWhatIfSheet, createInputsSheet, INPUTS_SHEET } from "./excel/helpers";
import { choose, initialChoices, toMap, type FieldChoice } from "./mapping";
import { runAnalysis, type RunOutcome, type RunStage } from "./run";
import { Steps, type Screen } from "./components/Steps";
import { SourceScreen } from "./components/SourceScreen";
import { MappingScreen, type Extras } from "./components/MappingScreen";
import { RunScreen } from "./components/RunScreen";
import { ResultsScreen } from "./components/ResultsScreen";
import { Tools } from "./components/Tools";
import { useStyles } from "./components/styles";

interface Notice {
  intent: "error" | "warning" | "info" | "success";
  text: string;
}

const NO_EXTRAS: Extras = { leadsSource: null, joinDeals: null, joinLeads: null, inputsSheet: null, period: "auto" };

/** Any thrown value as one sentence; pipeline and workbook errors already speak plainly. */
function messageOf(e: unknown): string {
  if (e instanceof PipelineError) return e.message;
  return describeError(e);
}

export function App({ host }: { host: ExcelHost }): React.JSX.Element {
  const s = useStyles();
  const [screen, setScreen] = React.useState<Screen>("source");
  const [sources, setSources] = React.useState<SourceCandidate[] | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [choices, setChoices] = React.useState<FieldChoice[]>([]);
  const [remembered, setRemembered] = React.useState(false);
  const [extras, setExtras] = React.useState<Extras>(NO_EXTRAS);
  const [stage, setStage] = React.useState<RunStage | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const [outcome, setOutcome] = React.useState<RunOutcome | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [busy, setBusy] = React.useState(false);
  const controller = React.useRef<AbortController | null>(null);

  const source = sources?.find((x) => x.id === selected) ?? null;

  const loadSources = React.useCallback(async () => {
    setSources(null);
    try {
      const list = await listSources(host, inspectSheet);
      setSources(list);
      setSelected((cur) => {
        if (cur && list.some((x) => x.id === cur)) return cur;
        const last = lastSource(host);
        return list.find((x) => x.id === last)?.id ?? list.find((x) => x.inspection.looksLikePipeline)?.id ?? list[0]?.id ?? null;
      });
    } catch (e) {
      setSources([]);
      setNotice({ intent: "error", text: messageOf(e) });
    }
  }, [host]);

  React.useEffect(() => {
    void loadSources();
  }, [loadSources]);

  const sheetNames = (sources ?? []).filter((x) => x.kind === "sheet" && x.id !== selected).map((x) => x.sheet);

  function toMapping(): void {
    if (!source) return;
    const saved = recall(host, source.id, source.inspection.headers);
    setChoices(initialChoices(source.inspection, saved));
    setRemembered(Boolean(saved));
    const inputs = saved?.inputsSheet && sheetNames.includes(saved.inputsSheet) ? saved.inputsSheet : sheetNames.find((n) => n.toLowerCase().startsWith(INPUTS_SHEET.toLowerCase())) ?? null;
    const leads = saved?.leads && sources?.some((x) => x.id === saved.leads!.source) ? saved.leads : undefined;
    setExtras({
      leadsSource: leads?.source ?? null,
      joinDeals: leads?.joinKey?.deals ?? null,
      joinLeads: leads?.joinKey?.leads ?? null,
      inputsSheet: inputs,
      period: (saved?.period as Extras["period"]) ?? "auto",
    });
    setNotice(null);
    setScreen("mapping");
  }

  async function analyzeNow(): Promise<void> {
    if (!source) return;
    const map = toMap(choices);
    const leadsSource = sources?.find((x) => x.id === extras.leadsSource);
    const joinKey = extras.joinDeals || extras.joinLeads ? { deals: extras.joinDeals ?? undefined, leads: extras.joinLeads ?? undefined } : undefined;
    remember(host, source.id, {
      map,
      headers: source.inspection.headers,
      leads: leadsSource ? { source: leadsSource.id, joinKey } : undefined,
      inputsSheet: extras.inputsSheet ?? undefined,
      period: extras.period === "auto" ? undefined : extras.period,
    }).catch(() => setNotice({ intent: "warning", text: "Excel could not save your column choice in the workbook; it will be asked again next time." }));
    const ctl = new AbortController();
    controller.current = ctl;
    setCancelling(false);
    setStage(null);
    setNotice(null);
    setScreen("run");
    try {
      const result = await runAnalysis(
        host,
        {
          source,
          map,
          leads: leadsSource ? { source: leadsSource, joinKey } : undefined,
          inputsSheet: extras.inputsSheet ?? undefined,
          period: extras.period === "auto" ? undefined : (extras.period as PeriodKind),
        },
        { onStage: setStage, signal: ctl.signal },
      );
      setOutcome(result);
      setScreen("results");
    } catch (e) {
      setScreen("mapping");
      if (e instanceof CancelledError) setNotice({ intent: "info", text: "Cancelled. Your workbook is as it was before you pressed Analyze." });
      else setNotice({ intent: "error", text: messageOf(e) });
    } finally {
      controller.current = null;
    }
  }

  async function go(sheet: string, cell: string): Promise<void> {
    try {
      await selectCell(host, sheet, cell);
    } catch (e) {
      setNotice({ intent: "warning", text: messageOf(e) });
    }
  }

  async function tool(run: () => Promise<{ sheet: string; created: boolean }>, done: (sheet: string, created: boolean) => string): Promise<void> {
    setBusy(true);
    try {
      const r = await run();
      setNotice({ intent: "success", text: done(r.sheet, r.created) });
      void loadSources();
    } catch (e) {
      setNotice({ intent: "error", text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className={s.page}>
      <header className={s.header}>
        <Title3 as="h1">GTM Compass</Title3>
      </header>
      <Steps current={screen} />
      {notice ? (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{notice.text}</MessageBarBody>
          <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" onClick={() => setNotice(null)}>✕</Button>} />
        </MessageBar>
      ) : null}
      {screen === "source" ? <SourceScreen sources={sources} selected={selected} onSelect={setSelected} onRefresh={() => void loadSources()} onNext={toMapping} /> : null}
      {screen === "mapping" && source ? (
        <MappingScreen
          source={source}
          choices={choices}
          remembered={remembered}
          onChoose={(f, h) => setChoices((c) => choose(c, f, h))}
          leadSources={(sources ?? []).filter((x) => x.id !== source.id && x.kind !== "selection")}
          inputSheets={sheetNames}
          extras={extras}
          onExtras={(e) => setExtras((x) => ({ ...x, ...e }))}
          onBack={() => setScreen("source")}
          onAnalyze={() => void analyzeNow()}
        />
      ) : null}
      {screen === "run" ? (
        <RunScreen
          stage={stage}
          cancelling={cancelling}
          onCancel={() => {
            setCancelling(true);
            controller.current?.abort();
          }}
        />
      ) : null}
      {screen === "results" && outcome ? (
        <ResultsScreen outcome={outcome} onGo={(sh, c) => void go(sh, c)} onRunAgain={() => void analyzeNow()} onColumns={() => setScreen("mapping")} />
      ) : null}
      {screen !== "run" ? (
        <Tools
          busy={busy}
          onInputs={() =>
            void tool(
              () => createInputsSheet(host, inputsTemplate()),
              (sheet, created) =>
                created ? `Added “${sheet}”. Fill the yellow cells, then choose it as the inputs sheet on the Columns step.` : `Your inputs sheet “${sheet}” is already there: it was opened, not replaced.`,
            )
          }
          onWhatIf={() => void tool(() => buildWhatIfSheet(host), (sheet) => `Added “${sheet}”: change a yellow cell and every GTM formula on it recalculates.`)}
        />
      ) : null}
    </main>
  );
}
