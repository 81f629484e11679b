import { z } from 'zod';
import type { AdvisorWarning, Fix, GraphEdit } from '../advisor/types';

/**
 * The advisor's warnings and fixes as they cross a process boundary (worker frames, `netloom advise
 * --json`). The TypeScript types live in core/advisor/types.ts; the checks below keep the two equal.
 */
const scalar = z.union([z.number(), z.boolean(), z.string()]);

export const GraphEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set-param'), node: z.string(), param: z.string(), value: scalar }),
  z.object({ kind: z.literal('remove-node'), node: z.string() }),
  z.object({
    kind: z.literal('insert-node'), after: z.string(), before: z.string().optional(),
    node: z.object({ id: z.string(), type: z.string(), params: z.record(z.string(), z.unknown()) }),
  }),
  z.object({ kind: z.literal('set-training'), path: z.array(z.string()).min(1), value: scalar }),
]);

export const FixSchema = z.object({ label: z.string(), edits: z.array(GraphEditSchema) });

export const AdvisorWarningSchema = z.object({
  rule: z.string(),
  node: z.string().nullable(),
  message: z.string(),
  fix: FixSchema.nullable(),
});

/** A run-time diagnostic: an advisor warning seen while training, with when it was seen. */
export const DiagnosticEvent = AdvisorWarningSchema.extend({
  type: z.literal('diagnostic'),
  epoch: z.number(),
  step: z.number(),
});

// Compile-time: the schemas describe exactly the advisor's types.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const editsAgree: Same<z.infer<typeof GraphEditSchema>, GraphEdit> = true;
const fixesAgree: Same<z.infer<typeof FixSchema>, Fix> = true;
const warningsAgree: Same<z.infer<typeof AdvisorWarningSchema>, AdvisorWarning> = true;
void editsAgree; void fixesAgree; void warningsAgree;
