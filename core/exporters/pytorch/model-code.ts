import { formatShape } from '../../util/tensor';
import type { ExportModel } from '../export-model';
import { torchNodeCode, type TorchCustomClass, type TorchWeightPlace } from './emit-nodes';

export interface TorchModelCode {
  lines: string[];
  customClasses: Set<TorchCustomClass>;
  /** NetLoom tensor name → [PyTorch parameter name, transposed?, decays?]. */
  weights: { netloom: string; torch: string; transposed: boolean; decay: boolean }[];
}

/** The nn.Module mirroring the graph: one attribute per node with a module, named after the node id. */
export function torchModelCode(m: ExportModel, names: Map<string, string>, className: string): TorchModelCode {
  const customClasses = new Set<TorchCustomClass>();
  const weights: TorchModelCode['weights'] = [];
  const init: string[] = [];
  const forward: string[] = [];
  const fused = m.loss.mode === 'softmax-fused';
  const varOf = (id: string) => names.get(id)!;
  for (const node of m.nodes) {
    const code = torchNodeCode(node);
    const name = varOf(node.id);
    if (code.customClass) customClasses.add(code.customClass);
    const what = node.type === 'Activation' ? `${node.type} ${node.params.fn}` : node.type;
    if (code.module) init.push(`self.${name} = ${code.module}  # ${what} "${node.id}" -> ${formatShape(node.shape)}`);
    node.weights.forEach((w) => {
      const place = code.weights.find((p: TorchWeightPlace) => p.param === w.name);
      if (!place) throw new Error(`internal: no PyTorch place for ${node.id}.${w.name}`);
      weights.push({ netloom: `${node.id}.${w.name}`, torch: `${name}.${place.path}`, transposed: place.transposed, decay: w.decay });
    });
    if (fused && node.id === m.prediction) {
      forward.push(
        'if return_logits:',
        `    return ${varOf(m.loss.input)}  # cross-entropy reads the scores before the softmax`,
      );
    }
    const inputs = node.inputs.map(varOf);
    forward.push(`${name} = ${code.call(`self.${name}`, inputs)}${code.module ? '' : `  # ${what} -> ${formatShape(node.shape)}`}`);
  }
  forward.push(`return ${varOf(m.prediction)}`);
  const signature = fused ? 'def forward(self, x, return_logits=False):' : 'def forward(self, x):';
  const lines = [
    `class ${className}(nn.Module):`,
    `    """The network of "${m.graph.name}": input ${formatShape(m.inputShape)} -> prediction "${m.prediction}" ${formatShape(m.plan.tensors[m.plan.predictionTensor]!.shape)}."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...(init.length ? init.map((l) => `        ${l}`) : ['        pass  # no layer with a module']),
    '',
    `    ${signature}`,
    ...forward.map((l) => `        ${l}`),
  ];
  return { lines, customClasses, weights };
}
