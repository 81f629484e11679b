import { parseGraphText } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';

/** The example graphs shipped in `examples/`, bundled at build time: "New from template". */
const files = import.meta.glob('../../examples/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

export interface Template {
  /** File name without `.json`: the id in `template:<id>` menu commands. */
  id: string;
  name: string;
  description: string;
  graph: Graph;
}

export const TEMPLATES: readonly Template[] = Object.entries(files)
  .flatMap(([path, text]) => {
    const parsed = parseGraphText(text);
    if (!parsed.ok) return [];
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    return [{ id, name: parsed.graph.name, description: parsed.graph.description ?? '', graph: parsed.graph }];
  })
  .sort((a, b) => a.name.localeCompare(b.name));

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
