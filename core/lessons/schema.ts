import { z } from 'zod';

/**
 * The `x-lesson` block of a graph file: everything that turns a graph into a lesson. It is plain data,
 * so a teacher can write one in a text editor; `readLesson` (lesson.ts) validates it with this schema.
 */
export const LESSON_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const text = z.string().min(1, 'must be a non-empty string');

/** A comparison with a threshold, shared by every numeric check. */
const cmp = { op: z.enum(['<', '<=', '>', '>=']), value: finite };

export const MetricCheck = z.object({
  metric: z.enum(['loss', 'accuracy', 'mre']),
  split: z.enum(['train', 'validation', 'extrapolation']).default('validation'),
  ...cmp,
  label: z.string().optional(),
}).strict();

/** Validation loss minus train loss, or train accuracy minus validation accuracy: how much it overfits. */
export const GapCheck = z.object({ gap: z.enum(['loss', 'accuracy']), ...cmp, label: z.string().optional() }).strict();

/** A statistic of one node's outputs or gradients from the latest layer statistics of the run. */
export const LayerCheck = z.object({
  layer: text,
  stat: z.enum(['dead', 'saturated', 'gradNorm', 'std']),
  ...cmp,
  label: z.string().optional(),
}).strict();

/** gradNorm(first) / gradNorm(last): far below 1 when the gradient vanishes on its way back. */
export const GradRatioCheck = z.object({ gradRatio: z.tuple([text, text]), ...cmp, label: z.string().optional() }).strict();

/** The mean, min or max of one trainable tensor, e.g. a PReLU's `alpha`. */
export const ParamCheck = z.object({
  param: z.object({ node: text, name: text, reduce: z.enum(['mean', 'min', 'max']).default('mean') }).strict(),
  ...cmp,
  label: z.string().optional(),
}).strict();

/** Facts about the graph that ran (not the canvas): see graph-facts.ts. */
export const GRAPH_FACTS = ['hidden-nonlinear', 'output-suits-task'] as const;
export const GraphCheck = z.object({ graph: z.enum(GRAPH_FACTS), label: z.string().optional() }).strict();

export type Check =
  | { all: Check[]; label?: string | undefined }
  | { any: Check[]; label?: string | undefined }
  | { not: Check; label?: string | undefined }
  | z.infer<typeof MetricCheck>
  | z.infer<typeof GapCheck>
  | z.infer<typeof LayerCheck>
  | z.infer<typeof GradRatioCheck>
  | z.infer<typeof ParamCheck>
  | z.infer<typeof GraphCheck>;

export const CheckSchema: z.ZodType<Check> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(CheckSchema).min(1), label: z.string().optional() }).strict(),
    z.object({ any: z.array(CheckSchema).min(1), label: z.string().optional() }).strict(),
    z.object({ not: CheckSchema, label: z.string().optional() }).strict(),
    MetricCheck, GapCheck, LayerCheck, GradRatioCheck, ParamCheck, GraphCheck,
  ]),
) as z.ZodType<Check>;

/**
 * One step of the intended fix. The lesson test applies it headlessly and the e2e spec performs the
 * same steps in the editor, so a lesson cannot claim a fix that does not work.
 */
export const FixStep = z.union([
  /** Set params of a node (an Activation's fn, a Dense's init, a Dropout's rate…). */
  z.object({ node: text, params: z.record(z.string(), z.union([z.string(), finite, z.boolean()])) }).strict(),
  /** Put a node of another type in a node's place, keeping its wires (Dense → NALU). */
  z.object({ replace: text, type: text, params: z.record(z.string(), z.union([z.string(), finite, z.boolean()])).default({}) }).strict(),
  /** Change training settings: `optimizer.lr`, `epochs`… (dotted paths into `training`). */
  z.object({ training: z.record(z.string(), z.union([z.string(), finite, z.boolean()])) }).strict(),
]);
export type FixStep = z.infer<typeof FixStep>;

/** Parts of the editor a lesson can hide, so a class sees only what the lesson is about. */
export const LOCKS = ['palette', 'training-settings', 'variants'] as const;
export type Lock = (typeof LOCKS)[number];

/** Extra views a lesson can open beside its notes. */
export const LESSON_VIEWS = ['softmax'] as const;

export const LessonSchema = z.object({
  version: z.literal(LESSON_VERSION),
  /** Stable id: progress is stored under it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  /** Position in the lesson list (lower first). */
  order: z.number().int().default(1000),
  title: text,
  /** Paragraphs of explanation. */
  notes: z.array(text).min(1),
  /** "Predict first": answered before training, compared with what happened after. */
  question: z.object({
    prompt: text,
    answers: z.array(text).min(2),
    /** Index into `answers` of the right one. */
    correct: z.number().int().min(0),
    /** What actually happens and why: shown once the learner has answered and trained. */
    explanation: text,
  }).strict(),
  /** The "try this" task, in words. */
  task: text,
  check: CheckSchema,
  /** Epochs the run must have finished before the check counts (so an early lucky epoch does not). */
  minEpochs: z.number().int().min(0).default(1),
  /** Shown after a run that ended without passing. */
  hint: text,
  /** The intended fix, as data. */
  fix: z.array(FixStep).min(1),
  /** Other fixes that also work (each a list of steps); the lesson test checks them too. */
  alternatives: z.array(z.array(FixStep).min(1)).default([]),
  locks: z.array(z.enum(LOCKS)).default([]),
  views: z.array(z.enum(LESSON_VIEWS)).default([]),
}).strict().superRefine((l, ctx) => {
  if (l.question.correct >= l.question.answers.length) {
    ctx.addIssue({ code: 'custom', path: ['question', 'correct'], message: `must be an index into answers (0–${l.question.answers.length - 1}), got ${l.question.correct}` });
  }
});
export type Lesson = z.infer<typeof LessonSchema>;
