/**
 * Child process for the SIGKILL test: saves version after version of a document through the app's
 * atomic write (with the .bak step) and the recovery store, as fast as it can, until it is killed.
 * argv: <target file> <userData dir>. Prints "ready" when it starts and "saved <n>" after each save.
 */
import { writeFileAtomic } from '../../../electron/main/atomic-write';
import { createRecoveryStore } from '../../../electron/main/recovery';
import { documentVersion } from './versions';

const [target, userData] = process.argv.slice(2) as [string, string];
const recovery = createRecoveryStore(userData);
let n = 1;
process.stdout.write('ready\n');
for (;;) {
  const text = documentVersion(n);
  await writeFileAtomic(target, text, { backup: true });
  await recovery.write(text);
  process.stdout.write(`saved ${n}\n`);
  n++;
}
