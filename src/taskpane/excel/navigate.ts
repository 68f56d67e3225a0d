/** Taking the user to a cell: the link behind each insight on the Results screen. */
import { WorkbookError } from "./errors";
import type { ExcelHost } from "./host";

/** Activate the sheet and select the cell; a clear message when the sheet has gone. */
export async function selectCell(host: ExcelHost, sheet: string, cell: string): Promise<void> {
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    if (ws.isNullObject) throw new WorkbookError("not-found", `The sheet "${sheet}" is no longer in the workbook. Run the analysis again.`);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}
