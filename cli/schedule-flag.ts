import { LrScheduleSchema, type LrSchedule } from '../core/graph/schema';
import { CliError } from './io';

/** The `--schedule` spellings, for usage and error messages. */
export const SCHEDULE_FLAG_HELP = 'constant | cosine[:warmup=EPOCHS,min=LR] | step:every=EPOCHS,gamma=G';

const KEYS: Record<string, Record<string, string>> = {
  constant: {},
  cosine: { warmup: 'warmupEpochs', min: 'minLr' },
  step: { every: 'everyEpochs', gamma: 'gamma' },
};

/**
 * `--schedule cosine:warmup=0.25` → { type: 'cosine', warmupEpochs: 0.25 }. A short spelling because a
 * JSON object on a command line is awkward to quote; the result is checked by the graph format's own
 * schema, so the flag accepts exactly what a graph file may say.
 */
export function parseScheduleFlag(raw: string): LrSchedule {
  const [type = '', options = ''] = raw.split(':', 2);
  const keys = KEYS[type];
  if (!keys) throw new CliError(`--schedule: unknown schedule "${type}"; use ${SCHEDULE_FLAG_HELP}`, 2);
  const schedule: Record<string, unknown> = { type };
  for (const part of options ? options.split(',') : []) {
    const [key = '', value] = part.split('=', 2);
    const field = keys[key];
    if (!field) throw new CliError(`--schedule ${type}: unknown option "${key}"${Object.keys(keys).length ? ` (options: ${Object.keys(keys).join(', ')})` : ' (it takes none)'}`, 2);
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(n)) throw new CliError(`--schedule ${type}: ${key} must be a number, got "${value ?? ''}"`, 2);
    schedule[field] = n;
  }
  const parsed = LrScheduleSchema.safeParse(schedule);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    const flagKey = Object.entries(keys).find(([, f]) => f === field)?.[0] ?? field;
    if (field && schedule[field] === undefined) throw new CliError(`--schedule ${type}: needs ${flagKey}=… (${SCHEDULE_FLAG_HELP})`, 2);
    throw new CliError(`--schedule ${type}: ${flagKey ? `${flagKey} ` : ''}${issue.message}`, 2);
  }
  return parsed.data;
}
