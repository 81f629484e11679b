import { safeName } from '../names';

/** File names of a Python export: importable module name, its weights and its data, side by side. */
export function pythonExportNames(graphName: string): { module: string; script: string; weights: string; data: string; className: string } {
  const module = safeName(graphName).toLowerCase().replace(/-/g, '_').replace(/^(\d)/, 'model_$1');
  const words = graphName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let className = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (!/^[A-Za-z]/.test(className)) className = `Model${className}`;
  return { module, script: `${module}.py`, weights: `${module}_weights.safetensors`, data: `${module}_data.npz`, className };
}
