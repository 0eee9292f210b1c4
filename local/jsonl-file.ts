import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only JSON Lines file: what the outboxes write instead of sending. Appends are queued so
 * that lines never interleave and their order is the order of the calls; a crash loses at most the line
 * being written, and a torn last line is skipped on the next load.
 */
export class JsonlFile<T> {
  private handle: Promise<FileHandle> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Every complete line written so far, oldest first. */
  async load(): Promise<{ entries: T[]; skipped: number }> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries: T[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as T);
      } catch {
        skipped++;
      }
    }
    return { entries, skipped };
  }

  append(entry: T): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.tail.then(async () => {
      const handle = await this.openHandle();
      await handle.appendFile(line, 'utf8');
    });
    // The queue continues after a failed write; the caller of that write sees the error.
    this.tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.tail;
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }

  private openHandle(): Promise<FileHandle> {
    this.handle ??= mkdir(dirname(this.path), { recursive: true }).then(() => open(this.path, 'a'));
    return this.handle;
  }
}
