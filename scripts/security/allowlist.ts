import { z } from 'zod';
import type { Finding } from './custom-checks';

/** The reviewed allowlist (scripts/security/allowlist.json): every entry must say why. */
export const Allowlist = z.object({
  openExternalOrigins: z.array(z.url().transform((u) => new URL(u).origin)),
  findings: z.array(
    z.object({
      rule: z.string().min(1),
      /** Relative to electron/; "*" for findings about the whole app (electronegativity's global checks). */
      file: z.string().min(1),
      reason: z.string().min(20, 'give the reason in a sentence: a reviewer must be able to check it'),
    }),
  ),
});
export type Allowlist = z.infer<typeof Allowlist>;

export interface Verdict {
  /** Findings no entry justifies: the lint fails on these. */
  unexplained: Finding[];
  /** Entries that justify nothing any more: the lint fails on these too, so the list stays true. */
  stale: Allowlist['findings'];
}

export function judge(findings: readonly Finding[], allowlist: Allowlist): Verdict {
  const matches = (entry: Allowlist['findings'][number], f: Finding) => entry.rule === f.rule && (entry.file === '*' || entry.file === f.file);
  return {
    unexplained: findings.filter((f) => !allowlist.findings.some((e) => matches(e, f))),
    stale: allowlist.findings.filter((e) => !findings.some((f) => matches(e, f))),
  };
}

/** Findings from electronegativity's SARIF report (`-o report.sarif`). `rename` maps scanned names back. */
export function findingsFromSarif(sarif: unknown, rename: (file: string) => string = (f) => f): Finding[] {
  const doc = z
    .object({
      runs: z.array(
        z.object({
          results: z.array(
            z.object({
              ruleId: z.string(),
              message: z.object({ text: z.string() }),
              locations: z
                .array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string() }), region: z.object({ startLine: z.number().optional() }).optional() }) }))
                .optional(),
            }),
          ),
        }),
      ),
    })
    .parse(sarif);
  return doc.runs.flatMap((run) =>
    run.results.map((r) => {
      const loc = r.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation.uri ?? '';
      // Global checks report "file:///" (no file): they are about the app as a whole.
      const file = uri === '' || uri.startsWith('file://') ? '*' : rename(uri);
      return { rule: r.ruleId, file, line: loc?.region?.startLine ?? 0, message: r.message.text };
    }),
  );
}
