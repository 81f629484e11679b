import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TemplateEntry {
  /** File name without `.json`; becomes the `template:<id>` menu command. */
  id: string;
  /** The graph's own `name` field when it has one, so the menu reads "XOR" rather than "xor-mlp". */
  label: string;
}

/** Must match the `template:` branch of MenuCommand in core/protocol/host.ts. */
const TEMPLATE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Lists the examples shipped next to the app. Read at startup rather than baked in at build time, so
 * adding an example file is enough to make it appear under File ▸ New from Template.
 */
export async function listTemplates(examplesDir: string): Promise<TemplateEntry[]> {
  let names: string[];
  try {
    names = await readdir(examplesDir);
  } catch {
    return [];
  }
  const ids = names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => TEMPLATE_ID.test(id))
    .sort();
  return Promise.all(ids.map(async (id) => ({ id, label: await readLabel(join(examplesDir, `${id}.json`), id) })));
}

async function readLabel(file: string, fallback: string): Promise<string> {
  try {
    const doc: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (doc && typeof doc === 'object' && 'name' in doc && typeof doc.name === 'string' && doc.name.trim()) {
      return doc.name.trim();
    }
  } catch {
    // A broken example still gets a menu entry; the renderer reports the parse error when it loads it.
  }
  return fallback;
}
