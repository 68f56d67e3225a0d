/** Step 2: which column is which, plus the optional leads table, inputs sheet and period. */
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
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle2,
} from "@fluentui/react-components";
import type { SourceCandidate } from "../excel/sources";
import { missingRequired, optionsFor, type FieldChoice } from "../mapping";
import { FieldPicker } from "./FieldPicker";
import { useStyles } from "./styles";

export interface Extras {
  leadsSource: string | null;
  joinDeals: string | null;
  joinLeads: string | null;
  inputsSheet: string | null;
  period: "auto" | "month" | "quarter" | "year";
}

export interface MappingScreenProps {
  source: SourceCandidate;
  choices: FieldChoice[];
  remembered: boolean;
  onChoose(field: string, header: string | null): void;
  /** Other sources that could hold leads. */
  leadSources: SourceCandidate[];
  /** Sheets that could be the inputs sheet. */
  inputSheets: string[];
  extras: Extras;
  onExtras(e: Partial<Extras>): void;
  onBack(): void;
  onAnalyze(): void;
}

const NONE = "\u0000none";
const AUTO = "\u0000auto";

/** A dropdown whose first option means "none/automatic". */
function Pick(props: { label: string; hint?: string; value: string | null; empty: string; options: { value: string; text: string }[]; onChange(v: string | null): void; emptyKey?: string }): React.JSX.Element {
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

export function MappingScreen(props: MappingScreenProps): React.JSX.Element {
  const s = useStyles();
  const { source, choices, extras } = props;
  const missing = missingRequired(choices);
  const noAmount = !choices.some((c) => c.field === "amount" && c.header !== null);
  const main = choices.filter((c) => c.required || c.header !== null);
  const more = choices.filter((c) => !(c.required || c.header !== null));
  const leads = props.leadSources.find((x) => x.id === extras.leadsSource);
  const headerOptions = (hs: string[]) => hs.filter(Boolean).map((h) => ({ value: h, text: h }));
  const picker = (c: FieldChoice) => <FieldPicker key={c.field} choice={c} options={optionsFor(c.field, source.inspection)} onChange={(h) => props.onChoose(c.field, h)} />;

  return (
    <section className={s.section} aria-labelledby="mapping-title">
      <Subtitle2 id="mapping-title" as="h2">Check the columns</Subtitle2>
      <Body1>
        GTM Compass matched the headers of <strong>{source.label}</strong> to the fields it needs. Change any that are wrong; fields with * are needed.
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
      <Accordion collapsible multiple>
        <AccordionItem value="more">
          <AccordionHeader>More fields ({more.length} not found)</AccordionHeader>
          <AccordionPanel>{more.map(picker)}</AccordionPanel>
        </AccordionItem>
        <AccordionItem value="extras">
          <AccordionHeader>Leads table, inputs sheet and period (optional)</AccordionHeader>
          <AccordionPanel>
            <div className={s.section}>
              <Pick
                label="Leads table"
                hint="A second table of leads or MQLs, joined to the deals by an id, makes the funnel start at first contact."
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
                label="Inputs sheet"
                hint="Spend, reps, margin, market shares and compass ratings. Use “Create inputs sheet” below to get a template."
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
      <Caption1 className={s.muted}>Your choice is saved in this workbook and used again next time.</Caption1>
      <div className={s.actions}>
        <Button onClick={props.onBack}>Back</Button>
        <Button appearance="primary" disabled={missing.length > 0} onClick={props.onAnalyze}>
          Analyze
        </Button>
      </div>
    </section>
  );
}
