import type { ExportNode } from '../export-model';
import { pyFloat, pyLiteral } from '../python/identifiers';
import { LAYER_NORM_EPSILON } from '../../catalog/nodes/layer-norm';
import { concatBatchedAxis } from '../../catalog/nodes/concat';
import { torchActivation } from './emit-activations';
import { torchBatchNorm, torchConv, torchGlobalAvgPool, torchLrn, torchPermute, torchPool, torchReshape } from './emit-conv';
import { torchRecurrentCode } from './emit-recurrent';

/** The custom classes the generated file may define (see support-classes.ts). */
export type TorchCustomClass = 'Step' | 'CReLU' | 'LastAxisPReLU' | 'NALU' | 'SelfAttention';

/** Where one NetLoom tensor lives in the PyTorch module, relative to the node's attribute. */
export interface TorchWeightPlace {
  param: string;
  path: string;
  /** NetLoom stores [in][out]; nn.Linear stores [out][in]. */
  transposed: boolean;
}

/** How one node is written: an optional submodule, the forward expression, and where its weights go. */
export interface TorchNodeCode {
  module?: string;
  call(self: string, inputs: string[]): string;
  weights: TorchWeightPlace[];
  customClass?: TorchCustomClass;
}

const lastAxis = (n: ExportNode, port = 0) => {
  const s = n.inputShapes[port]!;
  return s[s.length - 1]!;
};
const callModule = (self: string, inputs: string[]) => `${self}(${inputs[0]})`;

export function torchNodeCode(node: ExportNode): TorchNodeCode {
  const p = node.params;
  switch (node.type) {
    case 'Dense':
      return {
        module: `nn.Linear(${lastAxis(node)}, ${p.units}, bias=${pyLiteral(p.bias)})`,
        call: callModule,
        weights: [{ param: 'W', path: 'weight', transposed: true }, ...(p.bias ? [{ param: 'b', path: 'bias', transposed: false }] : [])],
      };
    case 'Dropout':
      return { module: `nn.Dropout(p=${pyFloat(p.rate as number)})`, call: callModule, weights: [] };
    case 'NALU':
      return {
        module: `NALU(${lastAxis(node)}, ${p.units})`,
        call: callModule,
        weights: ['W_hat', 'M_hat', 'G'].map((w) => ({ param: w, path: w, transposed: false })),
        customClass: 'NALU',
      };
    case 'SelfAttention':
      return {
        module: `SelfAttention(${lastAxis(node)}, ${p.dModel}, heads=${p.heads}, causal=${pyLiteral(p.causal)})`,
        call: callModule,
        weights: ['q', 'k', 'v', 'o'].flatMap((proj) => [
          { param: `W${proj}`, path: `${proj}.weight`, transposed: true },
          { param: `b${proj}`, path: `${proj}.bias`, transposed: false },
        ]),
        customClass: 'SelfAttention',
      };
    case 'Add':
      return { call: (_s, [a, b]) => `${a} + ${b}`, weights: [] };
    case 'Concat':
      return { call: (_s, [a, b]) => `torch.cat([${a}, ${b}], dim=${concatBatchedAxis(node.params)})`, weights: [] };
    case 'Flatten':
      return { call: (_s, [a]) => `torch.flatten(${a}, start_dim=1)`, weights: [] };
    case 'LayerNorm':
      return {
        module: `nn.LayerNorm(${lastAxis(node)}, eps=${pyFloat((node.params.epsilon as number | undefined) ?? LAYER_NORM_EPSILON)})`,
        call: callModule,
        weights: [{ param: 'gamma', path: 'weight', transposed: false }, { param: 'beta', path: 'bias', transposed: false }],
      };
    case 'MeanPool':
      return { call: (_s, [a]) => `${a}.mean(dim=1)`, weights: [] };
    case 'Activation': {
      const act = torchActivation(p.fn as string, p, node.inputShapes[0]!);
      return {
        module: act.module,
        call: callModule,
        weights: p.fn === 'prelu' ? [{ param: 'alpha', path: 'alpha', transposed: false }] : [],
        ...(act.customClass ? { customClass: act.customClass } : {}),
      };
    }
    case 'Conv2D': return torchConv(node, 2);
    case 'Conv1D': return torchConv(node, 1);
    case 'MaxPool2D': return torchPool(node, 'max', 2);
    case 'AvgPool2D': return torchPool(node, 'avg', 2);
    case 'MaxPool1D': return torchPool(node, 'max', 1);
    case 'AvgPool1D': return torchPool(node, 'avg', 1);
    case 'LRN': return torchLrn(node);
    case 'GlobalAvgPool': return torchGlobalAvgPool(node);
    case 'BatchNorm': return torchBatchNorm(node);
    case 'Reshape': return torchReshape(node);
    case 'Permute': return torchPermute(node);
    case 'Multiply':
      return { call: (_s, [a, b]) => `${a} * ${b}`, weights: [] };
    case 'Slice':
      return { call: (_s, [a]) => `${a}.narrow(${p.axis}, ${p.start}, ${(p.end as number) - (p.start as number)})`, weights: [] };
    default: {
      const recurrent = torchRecurrentCode(node);
      if (recurrent) return recurrent;
      throw new Error(`the PyTorch exporter does not know node type "${node.type}"`);
    }
  }
}
