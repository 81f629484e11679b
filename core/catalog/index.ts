import type { NodeKind } from './types';
import { InputNode } from './nodes/input';
import { DenseNode } from './nodes/dense';
import { DropoutNode } from './nodes/dropout';
import { NaluNode } from './nodes/nalu';
import { SelfAttentionNode } from './nodes/self-attention';
import { AddNode } from './nodes/add';
import { ConcatNode } from './nodes/concat';
import { FlattenNode } from './nodes/flatten';
import { LayerNormNode } from './nodes/layer-norm';
import { MeanPoolNode } from './nodes/mean-pool';
import { ActivationNode } from './nodes/activation';
import { LossNode } from './nodes/loss';
import { Conv2DNode } from './nodes/conv2d';
import { Conv1DNode } from './nodes/conv1d';
import { MaxPool2DNode } from './nodes/max-pool2d';
import { AvgPool2DNode } from './nodes/avg-pool2d';
import { MaxPool1DNode } from './nodes/max-pool1d';
import { AvgPool1DNode } from './nodes/avg-pool1d';
import { GlobalAvgPoolNode } from './nodes/global-avg-pool';
import { BatchNormNode } from './nodes/batch-norm';
import { ReshapeNode } from './nodes/reshape';
import { PermuteNode } from './nodes/permute';
import { SliceNode } from './nodes/slice';
import { MultiplyNode } from './nodes/multiply';
import { EmbeddingNode } from './nodes/embedding';
import { SimpleRnnNode } from './nodes/simple-rnn';
import { LstmNode } from './nodes/lstm';
import { GruNode } from './nodes/gru';
import { LrnNode } from './nodes/lrn';

/** Every node type, in palette order. */
export const NODE_KIND_LIST: readonly NodeKind[] = [
  InputNode, DenseNode, DropoutNode, NaluNode, SelfAttentionNode, AddNode, ConcatNode, FlattenNode,
  LayerNormNode, MeanPoolNode, ActivationNode, LossNode,
  Conv2DNode, Conv1DNode, MaxPool2DNode, AvgPool2DNode, MaxPool1DNode, AvgPool1DNode, GlobalAvgPoolNode,
  BatchNormNode, ReshapeNode, PermuteNode, MultiplyNode,
  SliceNode,
  EmbeddingNode, SimpleRnnNode, LstmNode, GruNode,
  LrnNode,
];

export const NODE_KINDS: Readonly<Record<string, NodeKind>> = Object.fromEntries(NODE_KIND_LIST.map((k) => [k.type, k]));

export function getNodeKind(type: string): NodeKind | undefined {
  return Object.hasOwn(NODE_KINDS, type) ? NODE_KINDS[type] : undefined;
}
