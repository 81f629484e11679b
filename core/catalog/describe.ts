import { DATASETS } from '../datasets';
import { textParamsOf } from '../datasets';
import { ACTIVATION_LIST } from './activations';
import { rangeText } from './params';
import { NODE_KIND_LIST } from './index';
import type { ParamSpec } from './types';

export interface ParamDescription {
  name: string;
  kind: string;
  default: unknown;
  range: string;
  description: string;
}

/** The whole catalog as plain data: what `netloom catalog --json` prints and the palette lists. */
export function describeCatalog() {
  const params = (specs: Record<string, ParamSpec>): ParamDescription[] =>
    Object.entries(specs).map(([name, s]) => ({ name, kind: s.kind, default: s.default, range: rangeText(s), description: s.description }));
  return {
    nodes: NODE_KIND_LIST.map((k) => ({
      type: k.type,
      category: k.category,
      paletteGroup: k.paletteGroup ?? null,
      title: k.title,
      explanation: k.explanation,
      inputs: k.inputs.map((p) => p.name),
      outputs: k.outputs.map((p) => p.name),
      params: params(k.params),
    })),
    activations: ACTIVATION_LIST.map((a) => ({ fn: a.fn, title: a.title, explanation: a.explanation, params: params(a.params) })),
    datasets: Object.values(DATASETS).map((d) => ({
      name: d.name,
      title: d.title,
      explanation: d.explanation,
      params: [
        ...params(d.params),
        ...Object.entries(textParamsOf(d)).map(([name, s]) => ({ name, kind: 'text', default: s.default, range: 'text', description: s.description })),
      ],
    })),
    optimizers: ['sgd', 'rmsprop', 'adam', 'adamw'],
  };
}
