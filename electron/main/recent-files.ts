import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RecentFile } from '../../core/protocol/host';
import { writeFileAtomic } from './atomic-write';

export const RECENT_FILES_NAME = 'recent-files.json';
export const MAX_RECENT = 10;

const RecentFilesDoc = z.object({ version: z.literal(1), files: z.array(RecentFile) });

/**
 * The Open Recent list, persisted as JSON in userData. Writes are atomic so a crash never leaves a
 * truncated list; an unreadable or foreign file is treated as an empty list rather than a startup error.
 */
export class RecentFiles {
  private files: RecentFile[] = [];

  private constructor(private readonly storePath: string) {}

  static async load(userDataDir: string): Promise<RecentFiles> {
    const store = new RecentFiles(join(userDataDir, RECENT_FILES_NAME));
    try {
      const parsed = RecentFilesDoc.safeParse(JSON.parse(await readFile(store.storePath, 'utf8')));
      if (parsed.success) store.files = parsed.data.files.slice(0, MAX_RECENT);
    } catch {
      // Missing or corrupt: start empty; the next add() rewrites it.
    }
    return store;
  }

  list(): RecentFile[] {
    return this.files.map((f) => ({ ...f }));
  }

  has(path: string): boolean {
    return this.files.some((f) => f.path === path);
  }

  /** Most recent first; re-adding a path moves it to the top instead of duplicating it. */
  async add(file: RecentFile): Promise<void> {
    this.files = [file, ...this.files.filter((f) => f.path !== file.path)].slice(0, MAX_RECENT);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    const before = this.files.length;
    this.files = this.files.filter((f) => f.path !== path);
    if (this.files.length !== before) await this.persist();
  }

  private async persist(): Promise<void> {
    const doc: z.infer<typeof RecentFilesDoc> = { version: 1, files: this.files };
    await writeFileAtomic(this.storePath, `${JSON.stringify(doc, null, 2)}\n`);
  }
}
