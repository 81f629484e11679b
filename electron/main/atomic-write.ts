import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Copy the file being replaced to `<target>.bak` first, so the previous version survives a bad save. */
  backup?: boolean;
  /**
   * Test seam: runs after the new contents are durable in the temp file and before the rename that
   * publishes them. Throwing here simulates a crash at the most dangerous moment.
   */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export const backupPathFor = (target: string): string => `${target}.bak`;

/**
 * Replace `target` so that a reader (or a crash) sees either the whole old file or the whole new file:
 * write a sibling temp file, fsync it, then rename over the target (rename is atomic on one volume).
 * Done by hand rather than with write-file-atomic so the `.bak` step and the crash window are explicit.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeDurably(temp, data);
  try {
    if (options.backup) await backupIfPresent(target);
    await options.beforeRename?.(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
  await removeStaleTemps(dir, basename(target));
}

/** A save older than this that still has a temp file was killed mid-write; younger ones may be running. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/** Temp files a killed save left beside the document (hidden, never the document itself). */
async function removeStaleTemps(dir: string, name: string): Promise<void> {
  try {
    const isTemp = (f: string) =>
      (f.startsWith(`.${name}.`) || f.startsWith(`${name}.bak.`)) && /\.[0-9a-f]{12}\.tmp$/.test(f);
    const now = Date.now();
    for (const f of (await readdir(dir)).filter(isTemp)) {
      const info = await stat(join(dir, f)).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(join(dir, f), { force: true });
    }
  } catch {
    // Tidying is best effort: the save itself has succeeded.
  }
}

async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  // 'wx': never follow or clobber something that already sits at the random temp name.
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(path, { force: true });
    throw err;
  }
  await handle.close();
}

/** The backup is itself published by rename, so a crash mid-copy cannot leave a half-written `.bak`. */
async function backupIfPresent(target: string): Promise<void> {
  const bak = backupPathFor(target);
  const bakTemp = `${bak}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await copyFile(target, bakTemp, constants.COPYFILE_EXCL);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // first save: nothing to keep
    throw err;
  }
  try {
    await rename(bakTemp, bak);
  } catch (err) {
    await rm(bakTemp, { force: true });
    throw err;
  }
}

/** Make the rename itself durable. Directories cannot be opened for fsync on Windows; skip there. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the data itself is already synced.
  } finally {
    await handle?.close();
  }
}
