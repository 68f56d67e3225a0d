/** Step 2: which column is which, what counts as won and lost, plus the optional leads table, stage history, inputs sheet and period. */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Option,
  Select,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import type { SourceCandidate } from "../excel/sources";
import { missingRequired, optionsFor, outcomeFor, type FieldChoice, type Outcome, type StageValue } from "../mapping";
import { FieldPicker } from "./FieldPicker";
import { InlineNotice, type Notice } from "./Notice";
import { Footer, ScreenHeading } from "./Screen";
import { HelpLink } from "./Steps";
import { useStyles } from "./styles";

export interface Extras {
  leadsSource: string | null;
  joinDeals: string | null;
  joinLeads: string | null;
  inputsSheet: string | null;
  /** A table of stage changes (OpportunityHistory shape), joined on the deal id. */
  historySource: string | null;
  period: "auto" | "month" | "quarter" | "year";
}

export interface MappingScreenProps {
  source: SourceCandidate;
  choices: FieldChoice[];
  remembered: boolean;
  onChoose(field: string, header: string | null): void;
  /** Put back the choices as they were before the last pick that moved a column. */
  onUndoMove?: () => void;
  /** Values of the chosen stage column (null while they are read). */
  stageValues: StageValue[] | null;
  outcomes: { won?: string[]; lost?: string[] };
  onOutcome(value: string, outcome: Outcome): void;
  /** Why the stage column cannot be used, shown next to it. */
  stageNotice?: Notice | null;
  /** Other sources that could hold leads. */
  leadSources: SourceCandidate[];
  /** Sheets that could be the inputs sheet. */
  inputSheets: string[];
  extras: Extras;
  /** Which extras were picked automatically (said next to them). */
  autoPicked: { leads: boolean; inputs: boolean; history?: boolean };
  onExtras(e: Partial<Extras>): void;
  onBack(): void;
  onAnalyze(): void;
  /** What happened when Analyze was last pressed (an error, Cancel). */
  notice?: Notice | null;
  onDismiss(): void;
  /** Shown above the buttons instead of them while the user confirms what a run will replace. */
  confirm?: React.ReactNode;
  busy: boolean;
}

const NONE = "\u0000none";
const AUTO = "\u0000auto";
const SHOWN_VALUES = 12;

/** A dropdown whose first option means "none/automatic". */
function Pick(props: {
  label: string;
  hint?: string;
  value: string | null;
  empty: string;
  options: { value: string; text: string }[];
  onChange(v: string | null): void;
  emptyKey?: string;
}): React.JSX.Element {
  const key = props.emptyKey ?? NONE;
  const current = props.options.find((o) => o.value === props.value);
  return (
    <Field label={props.label} hint={props.hint}>
      <Dropdown value={current?.text ?? props.empty} selectedOptions={[props.value ?? key]} onOptionSelect={(_, d) => props.onChange(d.optionValue === key || d.optionValue === undefined ? null : d.optionValue)}>
        <Option value={key} text={props.empty}>
          {props.empty}
        </Option>
        {props.options.map((o) => (
          <Option key={o.value} value={o.value} text={o.text}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

const OUTCOME_TEXT: Record<Outcome, string> = { won: "Won", lost: "Lost", open: "Open stage" };

/** The stage column's values, each counted as won, lost or an open stage; the user can change the unknown ones. */
function OutcomeWords(props: { values: StageValue[] | null; header: string; outcomes: MappingScreenProps["outcomes"]; onOutcome: MappingScreenProps["onOutcome"] }): React.JSX.Element {
  const s = useStyles();
  const [all, setAll] = React.useState(false);
  if (props.values === null) return <Spinner size="tiny" label={`Reading the values of “${props.header}”…`} />;
  const shown = all ? props.values : props.values.slice(0, SHOWN_VALUES);
  const tally = { won: 0, lost: 0, open: 0 };
  for (const v of props.values) tally[outcomeFor(v, props.outcomes)] += v.count;
  return (
    <div className={s.section} role="group" aria-labelledby="outcome-title">
      <Subtitle2 as="h2" id="outcome-title">
        What counts as won and lost
      </Subtitle2>
      <Caption1 className={s.muted}>
        The values of “{props.header}”: {tally.won.toLocaleString("en-US")} deals won, {tally.lost.toLocaleString("en-US")} lost, {tally.open.toLocaleString("en-US")} in an open stage.
        Words GTM Compass knows are fixed; say what the others mean.
      </Caption1>
      {shown.map((v) => {
        const out = outcomeFor(v, props.outcomes);
        const id = `outcome-${v.value}`;
        return (
          <div key={v.value} className={s.outcomeRow} data-outcome-value={v.value}>
            <Body1 id={id}>
              {v.value} <span className={s.muted}>({v.count.toLocaleString("en-US")})</span>
            </Body1>
            {v.builtIn !== "open" ? (
              <Caption1 className={s.muted}>{OUTCOME_TEXT[v.builtIn]} (known word)</Caption1>
            ) : (
              <Select className={s.outcomeSelect} size="small" aria-labelledby={id} value={out} onChange={(_, d) => props.onOutcome(v.value, d.value as Outcome)}>
                <option value="won">Won</option>
                <option value="lost">Lost</option>
                <option value="open">{v.known ? "Open stage" : "Open stage (?)"}</option>
              </Select>
            )}
          </div>
        );
      })}
      {!all && props.values.length > SHOWN_VALUES ? (
        <Link as="button" onClick={() => setAll(true)}>
          Show all {props.values.length} values
        </Link>
      ) : null}
    </div>
  );
}

export function MappingScreen(props: MappingScreenProps): React.JSX.Element {
  const s = useStyles();
  const { source, choices, extras } = props;
  const missing = missingRequired(choices);
  const noAmount = !choices.some((c) => c.field === "amount" && c.header !== null);
  const main = choices.filter((c) => c.required || c.header !== null || c.origin === "moved");
  const more = choices.filter((c) => !(c.required || c.header !== null || c.origin === "moved"));
  const leads = props.leadSources.find((x) => x.id === extras.leadsSource);
  const stage = choices.find((c) => c.field === "stage");
  const headerOptions = (hs: string[]) => hs.filter(Boolean).map((h) => ({ value: h, text: h }));
  const picker = (c: FieldChoice) => {
    // A field that just took another field's column says so next to it, with Undo.
    const took = choices.find((m) => m.origin === "moved" && m.movedTo?.field === c.field);
    return (
      <FieldPicker key={c.field} choice={c} options={optionsFor(c.field, source.inspection)} onChange={(h) => props.onChoose(c.field, h)}>
        {took ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              “{took.movedTo!.header}” fed {took.label}; it now feeds {c.label}, so {took.label} has no column.{" "}
              {props.onUndoMove ? (
                <Link as="button" onClick={props.onUndoMove}>
                  Undo
                </Link>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {c.field === "stage" ? <InlineNotice notice={props.stageNotice} /> : null}
      </FieldPicker>
    );
  };
  const blocked = missing.length > 0 || props.stageNotice?.intent === "error";

  return (
    <section className={s.main} aria-labelledby="mapping-title">
      <ScreenHeading id="mapping-title">Check the columns</ScreenHeading>
      <Body1>
        GTM Compass matched the headers of <strong>{source.label}</strong> to the fields it needs. Change any that are wrong; fields with * are needed. <HelpLink anchor="columns" />
      </Body1>
      {props.remembered ? (
        <MessageBar intent="info">
          <MessageBarBody>Using the columns you chose last time for this source (saved in this workbook).</MessageBarBody>
        </MessageBar>
      ) : null}
      <div role="group" aria-label="Fields found">
        {main.map(picker)}
      </div>
      {missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>Pick the column that holds the deal stage (Won, Lost, or an open stage) — or a won date — to go on.</MessageBarBody>
        </MessageBar>
      ) : null}
      {noAmount ? (
        <MessageBar intent="info">
          <MessageBarBody>No amount column: revenue and deal-size analyses will say NO DATA; counts, win rates and cycles still work.</MessageBarBody>
        </MessageBar>
      ) : null}
      {stage?.header ? <OutcomeWords values={props.stageValues} header={stage.header} outcomes={props.outcomes} onOutcome={props.onOutcome} /> : null}
      <Accordion collapsible multiple defaultOpenItems={props.autoPicked.leads || props.autoPicked.inputs || props.autoPicked.history ? ["extras"] : []}>
        <AccordionItem value="more">
          <AccordionHeader>More fields ({more.length} not found)</AccordionHeader>
          <AccordionPanel>{more.map(picker)}</AccordionPanel>
        </AccordionItem>
        <AccordionItem value="extras">
          <AccordionHeader>Leads table, stage history, inputs sheet and period (optional)</AccordionHeader>
          <AccordionPanel>
            <div className={s.section}>
              <Pick
                label="Leads table"
                hint={props.autoPicked.leads ? "Picked for you by its name; choose “No leads table” if it is not one." : "A second table of leads or MQLs, joined to the deals by an id, makes the funnel start at first contact."}
                value={extras.leadsSource}
                empty="No leads table"
                options={props.leadSources.map((x) => ({ value: x.id, text: x.label }))}
                onChange={(v) => props.onExtras({ leadsSource: v, joinDeals: null, joinLeads: null })}
              />
              {leads ? (
                <>
                  <Pick label="Deal column holding the lead id" value={extras.joinDeals} empty="Find it automatically" emptyKey={AUTO} options={headerOptions(source.inspection.headers)} onChange={(v) => props.onExtras({ joinDeals: v })} />
                  <Pick label="Lead id column in the leads table" value={extras.joinLeads} empty="Find it automatically" emptyKey={AUTO} options={headerOptions(leads.inspection.headers)} onChange={(v) => props.onExtras({ joinLeads: v })} />
                </>
              ) : null}
              <Pick
                label="Stage history table"
                hint={
                  props.autoPicked.history
                    ? "Picked for you by its name; choose “No stage history table” if it is not one."
                    : "One row per stage change (deal id, stage, date; amount and close date if kept), as Salesforce's OpportunityHistory exports it. “Date entered” columns on the deals are read without it."
                }
                value={extras.historySource}
                empty="No stage history table"
                options={props.leadSources.map((x) => ({ value: x.id, text: x.label }))}
                onChange={(v) => props.onExtras({ historySource: v })}
              />
              <Pick
                label="Inputs sheet"
                hint={props.autoPicked.inputs ? "Picked for you by its name; choose “No inputs sheet” if it is not one." : "Spend, reps, margin, market shares and compass ratings. Tools → Create inputs sheet gives a template."}
                value={extras.inputsSheet}
                empty="No inputs sheet"
                options={props.inputSheets.map((n) => ({ value: n, text: n }))}
                onChange={(v) => props.onExtras({ inputsSheet: v })}
              />
              <Pick
                label="Period"
                value={extras.period === "auto" ? null : extras.period}
                empty="Automatic (from the data's date span)"
                emptyKey={AUTO}
                options={[
                  { value: "month", text: "Month" },
                  { value: "quarter", text: "Quarter" },
                  { value: "year", text: "Year" },
                ]}
                onChange={(v) => props.onExtras({ period: (v ?? "auto") as Extras["period"] })}
              />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Caption1 className={s.muted}>Your choices are saved in this workbook and used again next time.</Caption1>
      <Footer label="Columns actions">
        <InlineNotice notice={props.notice} onDismiss={props.onDismiss} />
        {props.confirm ?? (
          <div className={s.actions}>
            <Button onClick={props.onBack}>Back</Button>
            <Button appearance="primary" disabled={blocked || props.busy} onClick={props.onAnalyze}>
              Analyze
            </Button>
          </div>
        )}
      </Footer>
    </section>
  );
}
