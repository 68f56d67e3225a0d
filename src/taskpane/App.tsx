/** The task pane: Source -> Columns -> Analyze -> Results, the Tools menu, and the last run kept for next time. */
import * as React from "react";
import { inspectSheet, inputsTemplate, PipelineError } from "../pipeline";
import type { PeriodKind } from "../model/calendar";
import { CancelledError, describeError, type ExcelHost } from "./excel";
import { listWorkbook, type SourceCandidate, type WorkbookListing } from "./excel/sources";
import { lastSource, readLastRun, recall, remember, saveLastRun } from "./excel/settings";
import { selectCell } from "./excel/navigate";
import { createInputsSheet } from "./excel/helpers";
import { buildWhatIfSheet, describeWhatIf } from "./excel/whatif";
import { writeSampleSheets } from "./excel/sample";
import { readBlock, readFingerprint } from "./excel/read";
import { planReplacement } from "./excel/write";
import type { ReplacementPlan } from "./excel/owned";
import { choose, declareOutcome, initialChoices, stageColumnProblem, stageValuesOf, toMap, type FieldChoice, type Outcome, type StageValue } from "./mapping";
import { pickHistory, pickInputs, pickLeads } from "./companions";
import { isNoStageValues, runAnalysis, type RunStage } from "./run";
import { parseSummary, sourceChange, type RunSummary } from "./summary";
import type { ThemeKind } from "./theme";
import { Header, STEPS, type Screen } from "./components/Steps";
import { SourceScreen } from "./components/SourceScreen";
import { MappingScreen, type Extras } from "./components/MappingScreen";
import { RunScreen } from "./components/RunScreen";
import { ResultsScreen } from "./components/ResultsScreen";
import { ReplaceConfirm } from "./components/ReplaceConfirm";
import { InlineNotice, type Notice } from "./components/Notice";
import { useStyles } from "./components/styles";

const NO_EXTRAS: Extras = { leadsSource: null, joinDeals: null, joinLeads: null, inputsSheet: null, historySource: null, period: "auto" };

/** Where a notice is shown: next to what caused it. */
type Place = "source" | "mapping" | "stage" | "results" | "tools";

/** Any thrown value as one sentence; pipeline and workbook errors already speak plainly. */
function messageOf(e: unknown): string {
  if (e instanceof PipelineError) return e.message;
  return describeError(e);
}

/** Everything a run needs besides the source: the columns, outcome words, hidden rows and extras. */
interface Prepared {
  choices: FieldChoice[];
  outcomes: { won?: string[]; lost?: string[] };
  includeHidden: boolean;
  extras: Extras;
}

interface Confirming {
  plan: ReplacementPlan;
  includeUnrecorded: boolean;
  from: "mapping" | "results";
  source: SourceCandidate;
  prepared: Prepared;
  all: SourceCandidate[];
}

export function App({ host, theme = "light" }: { host: ExcelHost; theme?: ThemeKind }): React.JSX.Element {
  const s = useStyles();
  const [screen, setScreen] = React.useState<Screen>("source");
  const [listing, setListing] = React.useState<WorkbookListing | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [includeHidden, setIncludeHidden] = React.useState(false);
  const [choices, setChoices] = React.useState<FieldChoice[]>([]);
  const [beforeMove, setBeforeMove] = React.useState<FieldChoice[] | null>(null);
  const [remembered, setRemembered] = React.useState(false);
  const [extras, setExtras] = React.useState<Extras>(NO_EXTRAS);
  const [autoPicked, setAutoPicked] = React.useState({ leads: false, inputs: false, history: false });
  const [outcomes, setOutcomes] = React.useState<{ won?: string[]; lost?: string[] }>({});
  const [stageValues, setStageValues] = React.useState<StageValue[] | null>(null);
  const [stage, setStage] = React.useState<RunStage | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const [summary, setSummary] = React.useState<RunSummary | null>(null);
  const [restored, setRestored] = React.useState(false);
  const [changed, setChanged] = React.useState<string | null>(null);
  const [notices, setNotices] = React.useState<Partial<Record<Place, Notice>>>({});
  const [cardNotice, setCardNotice] = React.useState<{ index: number; notice: Notice } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [confirm, setConfirm] = React.useState<Confirming | null>(null);
  const [announce, setAnnounce] = React.useState("");
  const controller = React.useRef<AbortController | null>(null);
  const first = React.useRef(true);

  const sources = listing?.sources ?? null;
  const source = sources?.find((x) => x.id === selected) ?? null;
  const note = (place: Place, n: Notice | null) => setNotices((x) => ({ ...x, [place]: n ?? undefined }));

  // Each new screen: focus its heading and say where the user is (screen readers hear it once).
  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A Tools notice belongs to the screen it was given on.
    setNotices((x) => ({ ...x, tools: undefined }));
    const step = STEPS.findIndex((x) => x.id === screen);
    setAnnounce(`Step ${step + 1} of ${STEPS.length}: ${STEPS[step].title}`);
    document.getElementById(`${screen === "mapping" ? "mapping" : screen}-title`)?.focus();
  }, [screen]);

  const loadWorkbook = React.useCallback(async (): Promise<WorkbookListing | null> => {
    setListing(null);
    try {
      const found = await listWorkbook(host, inspectSheet);
      setListing(found);
      setSelected((cur) => {
        if (cur && found.sources.some((x) => x.id === cur)) return cur;
        const last = lastSource(host);
        return found.sources.find((x) => x.id === last)?.id ?? found.sources.find((x) => x.inspection.looksLikePipeline)?.id ?? found.sources[0]?.id ?? null;
      });
      return found;
    } catch (e) {
      setListing({ sources: [], inputSheets: [] });
      note("source", { intent: "error", text: messageOf(e) });
      return null;
    }
  }, [host]);

  /** Has the source of a stored run changed since? (Its size and its first and last rows.) */
  const checkSource = React.useCallback(
    async (run: RunSummary, found: WorkbookListing | null) => {
      const now = found?.sources.find((x) => x.id === run.source.id);
      try {
        setChanged(sourceChange(run.fingerprint, now ? await readFingerprint(host, now) : null));
      } catch {
        setChanged(null);
      }
    },
    [host],
  );

  // On open: list the workbook; when a run was kept in it, show that run's dashboard.
  React.useEffect(() => {
    void (async () => {
      const found = await loadWorkbook();
      const last = parseSummary(readLastRun(host));
      if (!last) return;
      setSummary(last);
      setRestored(true);
      setScreen("results");
      await checkSource(last, found);
    })();
  }, [host, loadWorkbook, checkSource]);

  /** Columns, outcome words and extras for a source: what was remembered, else what was detected and picked by name. */
  const prepare = React.useCallback(
    (src: SourceCandidate, found: WorkbookListing): Prepared => {
      const saved = recall(host, src.id, src.inspection.headers);
      const sheetNames = found.inputSheets.map((x) => x.name);
      const savedInputs = saved?.inputsSheet && sheetNames.includes(saved.inputsSheet) ? saved.inputsSheet : null;
      const savedLeads = saved?.leads && found.sources.some((x) => x.id === saved.leads!.source) ? saved.leads : undefined;
      // A remembered choice wins, "no leads table" included; otherwise pick companions by their names.
      const leads = saved ? null : pickLeads(found.sources, src);
      const inputs = saved ? null : pickInputs(found.inputSheets, src.sheet);
      const savedHistory = saved?.history && found.sources.some((x) => x.id === saved.history) ? saved.history : null;
      const history = saved ? null : pickHistory(found.sources, src);
      const p: Prepared = {
        choices: initialChoices(src.inspection, saved),
        outcomes: saved?.outcomes ?? {},
        includeHidden: saved?.includeHidden ?? false,
        extras: {
          leadsSource: savedLeads?.source ?? leads?.id ?? null,
          joinDeals: savedLeads?.joinKey?.deals ?? null,
          joinLeads: savedLeads?.joinKey?.leads ?? null,
          inputsSheet: savedInputs ?? inputs,
          historySource: savedHistory ?? history?.id ?? null,
          period: (saved?.period as Extras["period"]) ?? "auto",
        },
      };
      setChoices(p.choices);
      setBeforeMove(null);
      setRemembered(Boolean(saved));
      setOutcomes(p.outcomes);
      setIncludeHidden(p.includeHidden);
      setExtras(p.extras);
      setAutoPicked({ leads: Boolean(leads), inputs: Boolean(inputs), history: Boolean(history) });
      return p;
    },
    [host],
  );

  function toMapping(): void {
    if (!source || !listing) return;
    prepare(source, listing);
    note("mapping", null);
    note("stage", null);
    setScreen("mapping");
  }

  // The values of the chosen stage column, read from the whole column (not a sample), for the outcome words.
  const stageHeader = choices.find((c) => c.field === "stage")?.header ?? null;
  React.useEffect(() => {
    if (screen !== "mapping" || !source || stageHeader === null) {
      setStageValues(null);
      return;
    }
    const col = source.inspection.headers.indexOf(stageHeader);
    const headerAt = Math.max(0, source.inspection.headerRowIndex);
    const sample = () => stageValuesOf(source.sample.slice(headerAt + 1), col);
    let live = true;
    setStageValues(null);
    const rows = source.rowCount - headerAt - 1;
    if (col < 0 || rows < 1) {
      setStageValues([]);
      return;
    }
    const hidden = !includeHidden && source.visibleRows !== undefined && source.visibleRows < source.rowCount;
    readBlock(host, { sheet: source.sheet, rowIndex: source.rowIndex + headerAt + 1, columnIndex: source.columnIndex + col, rowCount: rows, columnCount: 1 }, { visibleOnly: hidden })
      .then((r) => live && setStageValues(stageValuesOf(r.grid.values, 0)))
      .catch(() => live && setStageValues(sample()));
    return () => {
      live = false;
    };
  }, [host, screen, source, stageHeader, includeHidden]);

  const stageProblem = stageColumnProblem(stageHeader, stageValues, outcomes);
  const stageNotice: Notice | null = stageProblem ? { intent: "error", text: stageProblem } : (notices.stage ?? null);

  /** Analyze (from Columns) or Refresh (from Results): remember the choice, list what will be replaced, then run. */
  async function analyze(from: "mapping" | "results", src: SourceCandidate | null = source, p: Prepared = { choices, outcomes, includeHidden, extras }, all = sources ?? []): Promise<void> {
    if (!src) return;
    const map = toMap(p.choices);
    const leadsSource = all.find((x) => x.id === p.extras.leadsSource);
    const joinKey = p.extras.joinDeals || p.extras.joinLeads ? { deals: p.extras.joinDeals ?? undefined, leads: p.extras.joinLeads ?? undefined } : undefined;
    remember(host, src.id, {
      map,
      headers: src.inspection.headers,
      leads: leadsSource ? { source: leadsSource.id, joinKey } : undefined,
      inputsSheet: p.extras.inputsSheet ?? undefined,
      history: p.extras.historySource ?? undefined,
      period: p.extras.period === "auto" ? undefined : p.extras.period,
      outcomes: p.outcomes,
      includeHidden: p.includeHidden,
    }).catch(() => note(from, { intent: "warning", text: "Excel could not save your column choice in the workbook; it will be asked again next time." }));
    setBusy(true);
    let plan: ReplacementPlan;
    try {
      plan = await planReplacement(host);
    } catch (e) {
      note(from, { intent: "error", text: messageOf(e) });
      return;
    } finally {
      setBusy(false);
    }
    // Nothing is replaced without the user seeing, by name, what will be.
    if (plan.replace.length || plan.unrecorded.length || plan.kept.length) setConfirm({ plan, includeUnrecorded: false, from, source: src, prepared: p, all });
    else await runNow(from, src, p, [], all);
  }

  async function runNow(from: "mapping" | "results", src: SourceCandidate, p: Prepared, replace: string[], all: SourceCandidate[]): Promise<void> {
    setConfirm(null);
    const leadsSource = all.find((x) => x.id === p.extras.leadsSource);
    const historySource = all.find((x) => x.id === p.extras.historySource);
    const joinKey = p.extras.joinDeals || p.extras.joinLeads ? { deals: p.extras.joinDeals ?? undefined, leads: p.extras.joinLeads ?? undefined } : undefined;
    const ctl = new AbortController();
    controller.current = ctl;
    setCancelling(false);
    setStage(null);
    note(from, null);
    note("stage", null);
    setScreen("run");
    try {
      const result = await runAnalysis(
        host,
        {
          source: src,
          map: toMap(p.choices),
          leads: leadsSource ? { source: leadsSource, joinKey } : undefined,
          inputsSheet: p.extras.inputsSheet ?? undefined,
          history: historySource ? { source: historySource } : undefined,
          period: p.extras.period === "auto" ? undefined : (p.extras.period as PeriodKind),
          outcomes: p.outcomes,
          includeHidden: p.includeHidden,
          replace,
        },
        { onStage: setStage, signal: ctl.signal },
      );
      setSummary(result.summary);
      setRestored(false);
      setChanged(null);
      setCardNotice(null);
      setScreen("results");
      const warnings: string[] = [];
      if (!result.write.recorded) warnings.push("Excel would not record which sheets this run wrote, so the next run will ask before replacing them.");
      await saveLastRun(host, result.summary).catch(() => warnings.push("Excel would not keep this dashboard in the workbook; it will not show when the pane is reopened."));
      note("results", warnings.length ? { intent: "warning", text: warnings.join(" ") } : null);
    } catch (e) {
      if (isNoStageValues(e)) {
        setScreen("mapping");
        note("stage", { intent: "error", text: messageOf(e) });
      } else {
        const back = from === "results" && summary ? "results" : "mapping";
        setScreen(back);
        note(back, e instanceof CancelledError ? { intent: "info", text: "Cancelled. Your workbook is as it was before you pressed Analyze." } : { intent: "error", text: messageOf(e) });
      }
    } finally {
      controller.current = null;
    }
  }

  /** Refresh from the dashboard: the same source with the columns remembered for it. */
  async function refresh(): Promise<void> {
    if (!summary) return;
    setBusy(true);
    const found = await loadWorkbook();
    setBusy(false);
    const src = found?.sources.find((x) => x.id === summary.source.id);
    if (!src || !found) {
      setScreen("results");
      note("results", { intent: "error", text: `“${summary.source.label}” is no longer in the workbook. Pick the source again.`, action: { label: "Pick a source", onClick: () => setScreen("source") } });
      return;
    }
    setSelected(src.id);
    await analyze("results", src, prepare(src, found), found.sources);
  }

  async function go(sheet: string, cell: string, card?: number): Promise<void> {
    try {
      await selectCell(host, sheet, cell);
      setCardNotice(null);
    } catch (e) {
      const n: Notice = { intent: "warning", text: messageOf(e) };
      if (card !== undefined) setCardNotice({ index: card, notice: n });
      else note("results", n);
    }
  }

  async function tool(run: () => Promise<string>): Promise<void> {
    setBusy(true);
    try {
      note("tools", { intent: "success", text: await run() });
      const found = await loadWorkbook();
      return void found;
    } catch (e) {
      note("tools", { intent: "error", text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  const tools = {
    busy: busy || screen === "run",
    onInputs: () =>
      void tool(async () => {
        const r = await createInputsSheet(host, inputsTemplate());
        return r.created ? `Added “${r.sheet}”. Fill the yellow cells, then choose it as the inputs sheet on the Columns step.` : `Your inputs sheet “${r.sheet}” is already there: it was opened, not replaced.`;
      }),
    onWhatIf: () => void tool(async () => describeWhatIf(await buildWhatIfSheet(host))),
    onSample: () =>
      void tool(async () => {
        const r = await writeSampleSheets(host);
        setSelected(`sheet:${r.deals}`);
        setScreen("source");
        return `Added the sample: “${r.deals}” (${r.rows.toLocaleString("en-US")} deals), “${r.leads}” and “${r.inputs}”. It is picked below: press Next to check its columns.`;
      }),
  };

  const confirmBar = (from: "mapping" | "results") =>
    confirm && confirm.from === from ? (
      <ReplaceConfirm
        plan={confirm.plan}
        verb={from === "results" ? "Refresh" : "Analyze"}
        includeUnrecorded={confirm.includeUnrecorded}
        onIncludeUnrecorded={(on) => setConfirm({ ...confirm, includeUnrecorded: on })}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void runNow(from, confirm.source, confirm.prepared, [...confirm.plan.replace, ...(confirm.includeUnrecorded ? confirm.plan.unrecorded : [])].map((x) => x.id), confirm.all)}
      />
    ) : undefined;

  return (
    <div className={s.page}>
      <Header current={screen} tools={tools} />
      <InlineNotice notice={notices.tools} onDismiss={() => note("tools", null)} />
      <div aria-live="polite" className={s.visuallyHidden}>
        {announce}
      </div>
      {screen === "source" ? (
        <SourceScreen
          sources={sources}
          selection={listing?.selection}
          selected={selected}
          includeHidden={includeHidden}
          notice={notices.source}
          sampleBusy={busy}
          onSelect={setSelected}
          onIncludeHidden={setIncludeHidden}
          onRefresh={() => void loadWorkbook()}
          onSample={tools.onSample}
          onNext={toMapping}
          onDismiss={() => note("source", null)}
        />
      ) : null}
      {screen === "mapping" && source ? (
        <MappingScreen
          source={source}
          choices={choices}
          remembered={remembered}
          onChoose={(f, h) => {
            const next = choose(choices, f, h);
            setBeforeMove(next.some((c) => c.origin === "moved") ? choices : null);
            setChoices(next);
          }}
          onUndoMove={beforeMove ? () => (setChoices(beforeMove), setBeforeMove(null)) : undefined}
          stageValues={stageValues}
          outcomes={outcomes}
          onOutcome={(value: string, o: Outcome) => setOutcomes((x) => declareOutcome(x, value, o))}
          stageNotice={stageNotice}
          leadSources={(sources ?? []).filter((x) => x.id !== source.id && x.kind !== "selection")}
          inputSheets={(listing?.inputSheets ?? []).map((x) => x.name).filter((n) => n !== source.sheet)}
          extras={extras}
          autoPicked={autoPicked}
          onExtras={(e) => {
            setExtras((x) => ({ ...x, ...e }));
            setAutoPicked((a) => ({ leads: "leadsSource" in e ? false : a.leads, inputs: "inputsSheet" in e ? false : a.inputs, history: "historySource" in e ? false : a.history }));
          }}
          onBack={() => (setConfirm(null), setScreen("source"))}
          onAnalyze={() => void analyze("mapping")}
          notice={notices.mapping}
          onDismiss={() => note("mapping", null)}
          confirm={confirmBar("mapping")}
          busy={busy}
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
      {screen === "results" && summary ? (
        <ResultsScreen
          summary={summary}
          theme={theme}
          changed={changed}
          restored={restored}
          notice={notices.results}
          cardNotice={cardNotice}
          onDismiss={() => note("results", null)}
          onGo={(sh, c, card) => void go(sh, c, card)}
          onRefresh={() => void refresh()}
          onColumns={() => {
            const src = sources?.find((x) => x.id === summary.source.id);
            if (src && listing) {
              setSelected(src.id);
              prepare(src, listing);
              setScreen("mapping");
            } else setScreen("source");
          }}
          confirm={confirmBar("results")}
          busy={busy}
        />
      ) : null}
    </div>
  );
}
