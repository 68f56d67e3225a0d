/**
 * Groups queued writes into syncs of at most a byte budget: many small writes share one sync, a large
 * block is already split into row chunks by the caller. When Excel still refuses a transfer as too large,
 * the batch is replayed one write per sync and a refused single write is split in half.
 */
import { WorkbookError, isPayloadError } from "./errors";

export interface WriteItem {
  /** Estimated request bytes. */
  bytes: number;
  /** Queue the Office.js commands (no sync). */
  apply(): void;
  /** Two smaller writes covering the same cells, when this one can be split. */
  split?(): WriteItem[];
}

export class WriteBatcher {
  private items: WriteItem[] = [];
  private bytes = 0;
  syncs = 0;
  retries = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    /** Called before each sync: suspends calculation for that batch. */
    private readonly beforeSync: () => void = () => context.workbook.application.suspendApiCalculationUntilNextSync(),
  ) {}

  async add(item: WriteItem): Promise<void> {
    if (this.items.length > 0 && this.bytes + item.bytes > this.budget) await this.flush();
    this.items.push(item);
    this.bytes += item.bytes;
  }

  async flush(): Promise<void> {
    const items = this.items;
    this.items = [];
    this.bytes = 0;
    if (items.length) await this.send(items);
  }

  /**
   * Queue `apply` in a sync of its own, after what is pending: for settings the workbook reads well without
   * (the print setup), whose failure must not undo the sheet. False when Excel refused it.
   */
  async isolated(apply: () => void): Promise<boolean> {
    await this.flush();
    try {
      this.beforeSync();
      apply();
      this.syncs++;
      await this.context.sync();
      return true;
    } catch {
      return false;
    }
  }

  private async send(items: WriteItem[]): Promise<void> {
    this.beforeSync();
    for (const it of items) it.apply();
    try {
      this.syncs++;
      await this.context.sync();
    } catch (e) {
      if (!isPayloadError(e)) throw e;
      this.retries++;
      if (items.length > 1) {
        for (const it of items) await this.send([it]);
        return;
      }
      const parts = items[0].split?.();
      if (!parts || parts.length < 2) throw new WorkbookError("payload", "A single write is larger than Excel can take at once (5 MB).");
      for (const p of parts) await this.send([p]);
    }
  }
}
