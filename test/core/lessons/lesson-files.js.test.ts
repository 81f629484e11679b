import { afterAll, vi } from 'vitest';

// Without WebAssembly the engine runs its TS kernels, as in the browser and the desktop app.
vi.stubGlobal('WebAssembly', undefined);
afterAll(() => vi.unstubAllGlobals());
import { lessonFilesSuite } from './lesson-files-suite';

lessonFilesSuite('js');
