/** A notice shown next to what caused it (a field, a button, a card), never in one place for all. */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export interface Notice {
  intent: "error" | "warning" | "info" | "success";
  text: string;
  action?: { label: string; onClick(): void };
}

export function InlineNotice({ notice, onDismiss }: { notice: Notice | null | undefined; onDismiss?(): void }): React.JSX.Element | null {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
      {notice.action || onDismiss ? (
        <MessageBarActions
          containerAction={
            onDismiss ? (
              <Button appearance="transparent" aria-label="Dismiss" size="small" onClick={onDismiss}>
                ✕
              </Button>
            ) : undefined
          }
        >
          {notice.action ? (
            <Button size="small" onClick={notice.action.onClick}>
              {notice.action.label}
            </Button>
          ) : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
