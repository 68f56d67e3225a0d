// Task pane entry: Office.onReady lives only here.
import * as React from "react";
import { createRoot } from "react-dom/client";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<p>GTM Compass</p>);
});
