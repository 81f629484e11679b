import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export const RECOVERY_FILE_NAME = 'recovery.netloom.json';

/** The crash-recovery snapshot the renderer writes while the document is dirty; one file in userData. */
export function createRecoveryStore(userDataDir: string) {
  const path = join(userDataDir, RECOVERY_FILE_NAME);
  return {
    path,
    write: (text: string): Promise<void> => writeFileAtomic(path, text),
    async read(): Promise<string | null> {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    clear: (): Promise<void> => rm(path, { force: true }),
  };
}
export type RecoveryStore = ReturnType<typeof createRecoveryStore>;
