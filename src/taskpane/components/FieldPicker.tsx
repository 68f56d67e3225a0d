/** One canonical field: its label, a dropdown of the source's headers, and how sure the match is. */
import * as React from "react";
import { Body1Strong, Caption1, Dropdown, Option, mergeClasses } from "@fluentui/react-components";
import { confidenceText, type FieldChoice } from "../mapping";
import { useStyles } from "./styles";

const NONE_KEY = "\u0000none";
const NONE_TEXT = "(not in this table)";

export function FieldPicker(props: { choice: FieldChoice; options: string[]; onChange(header: string | null): void; children?: React.ReactNode }): React.JSX.Element {
  const s = useStyles();
  const { choice } = props;
  const id = `field-${choice.field}`;
  return (
    <div className={s.fieldRow} data-field={choice.field}>
      <div className={s.fieldLabel}>
        <Body1Strong id={id}>
          {choice.label}
          {choice.required ? " *" : ""}
        </Body1Strong>
        <Caption1 className={mergeClasses(s.muted, choice.origin === "moved" && s.moved)}>{confidenceText(choice)}</Caption1>
      </div>
      <Dropdown
        className={s.dropdown}
        aria-labelledby={id}
        title={choice.description}
        value={choice.header ?? NONE_TEXT}
        selectedOptions={[choice.header ?? NONE_KEY]}
        onOptionSelect={(_, d) => props.onChange(d.optionValue === NONE_KEY || d.optionValue === undefined ? null : d.optionValue)}
      >
        <Option value={NONE_KEY} text={NONE_TEXT}>
          {NONE_TEXT}
        </Option>
        {props.options.map((h) => (
          <Option key={h} value={h} text={h}>
            {h}
          </Option>
        ))}
      </Dropdown>
      {props.children ? <div className={s.fieldNote}>{props.children}</div> : null}
    </div>
  );
}
