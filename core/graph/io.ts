import type { z } from 'zod';
import { describeValue, type Problem } from './problem';
import { migrate } from './migrations';
import { checkDocumentSafety, MAX_GRAPH_CHARS } from './safety';
import {
  DEFAULT_TRAINING,
  GRAPH_FORMAT,
  GRAPH_VERSION,
  GraphEdgeSchema,
  GraphNodeSchema,
  TOP_LEVEL_KEYS,
  TrainingSchema,
  type Graph,
} from './schema';

export type ParseResult = { ok: true; graph: Graph; migratedFrom?: number } | { ok: false; problems: Problem[] };

/** Parse graph file text. Never throws: every defect comes back as a Problem naming its place. */
export function parseGraphText(text: string): ParseResult {
  if (text.length > MAX_GRAPH_CHARS) {
    return fail('', 'too-large', `the file is ${(text.length / 1024 / 1024).toFixed(0)} MB; graph files over ${MAX_GRAPH_CHARS / 1024 / 1024} MB are refused (real graphs are a few kilobytes)`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail('', 'json', `not valid JSON: ${(e as Error).message}${lineAndColumn(text, (e as Error).message)}`);
  }
  return parseGraphObject(doc);
}

export function parseGraphObject(doc: unknown): ParseResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail('', 'not-object', `a graph file must be a JSON object, got ${describeValue(doc)}`);
  }
  const unsafe = checkDocumentSafety(doc);
  if (unsafe) return { ok: false, problems: [unsafe] };
  const obj = doc as Record<string, unknown>;
  if (obj.format !== GRAPH_FORMAT) {
    return fail('format', 'format', `must be "${GRAPH_FORMAT}", got ${describeValue(obj.format)}`);
  }
  const migrated = migrate(obj);
  if (!migrated.ok) return fail('version', 'version', migrated.message);
  const m = migrated.doc;
  const problems: Problem[] = [];
  for (const key of Object.keys(m)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key) && !key.startsWith('x-')) {
      problems.push(err(key, 'unknown-field', `unknown field "${key}" (extension fields must start with "x-")`));
    }
  }
  if (m.name !== undefined && typeof m.name !== 'string') {
    problems.push(err('name', 'type', `must be a string, got ${describeValue(m.name)}`));
  }
  if (m.description !== undefined && typeof m.description !== 'string') {
    problems.push(err('description', 'type', `must be a string, got ${describeValue(m.description)}`));
  }
  const nodes = parseList(m.nodes, 'nodes', GraphNodeSchema, problems);
  const edges = parseList(m.edges, 'edges', GraphEdgeSchema, problems);
  let training = DEFAULT_TRAINING;
  if (m.training !== undefined) {
    const t = TrainingSchema.safeParse(m.training, { reportInput: true });
    if (t.success) training = t.data;
    else problems.push(...zodProblems(t.error, 'training'));
  }
  if (problems.length > 0) return { ok: false, problems };
  const graph: Graph = {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: typeof m.name === 'string' ? m.name : 'Untitled',
    ...(typeof m.description === 'string' ? { description: m.description } : {}),
    nodes: nodes as Graph['nodes'],
    edges: edges as Graph['edges'],
    training,
  };
  for (const key of Object.keys(m)) if (key.startsWith('x-')) (graph as unknown as Record<string, unknown>)[key] = m[key];
  return migrated.migratedFrom !== undefined ? { ok: true, graph, migratedFrom: migrated.migratedFrom } : { ok: true, graph };
}

function parseList<T extends z.ZodType>(value: unknown, key: string, schema: T, problems: Problem[]): z.infer<T>[] {
  if (!Array.isArray(value)) {
    problems.push(err(key, 'type', `must be an array, got ${describeValue(value)}`));
    return [];
  }
  const out: z.infer<T>[] = [];
  value.forEach((item, i) => {
    const r = schema.safeParse(item, { reportInput: true });
    const id = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
      ? (item as { id: string }).id
      : undefined;
    if (r.success) out.push(r.data);
    else {
      for (const p of zodProblems(r.error, `${key}[${i}]`)) {
        if (id !== undefined) {
          if (key === 'nodes') p.nodeId = id;
          else p.edgeId = id;
        }
        problems.push(p);
      }
    }
  });
  return out;
}

function zodProblems(error: z.ZodError, base: string): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc === '' ? String(seg) : `${acc}.${String(seg)}`),
      base,
    );
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      // zod's names ('int', 'record') are not what a person calls them in a JSON file.
      const name = issue.expected === 'record' ? 'object' : issue.expected;
      const expected = name === 'int' ? 'an integer' : /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
      message = issue.input === undefined ? 'is required' : `must be ${expected}, got ${describeValue(issue.input)}`;
    } else if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
      const bound = issue.code === 'too_small' ? `${issue.inclusive ? '≥' : '>'} ${issue.minimum}` : `${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
      message = `must be ${bound}, got ${describeValue(issue.input)}`;
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (issue.code === 'invalid_value') {
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    } else if ('input' in issue && issue.input !== undefined) {
      message = `${message}, got ${describeValue(issue.input)}`;
    }
    return err(path, 'schema', message);
  });
}

/** V8 reports where JSON broke as a character offset; people look for a line and column. */
function lineAndColumn(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m || /line \d+/.test(message)) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

function err(path: string, code: string, message: string): Problem {
  return { path, code, message, severity: 'error' };
}

function fail(path: string, code: string, message: string): ParseResult {
  return { ok: false, problems: [err(path, code, message)] };
}

/**
 * Canonical JSON: fixed key order for the known fields, extension fields after them in their
 * original order, two-space indent, trailing newline. Two saves of the same graph are byte-identical.
 */
export function serializeGraph(graph: Graph): string {
  const out: Record<string, unknown> = {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: graph.name,
  };
  if (graph.description !== undefined) out.description = graph.description;
  out.nodes = graph.nodes.map((n) => ordered(n, ['id', 'type', 'label', 'params', 'position']));
  out.edges = graph.edges.map((e) => ordered(e, ['id', 'source', 'sourceHandle', 'target', 'targetHandle']));
  out.training = graph.training;
  for (const key of Object.keys(graph)) if (key.startsWith('x-')) out[key] = (graph as unknown as Record<string, unknown>)[key];
  return `${JSON.stringify(out, null, 2)}\n`;
}

function ordered(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!keys.includes(k) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}
