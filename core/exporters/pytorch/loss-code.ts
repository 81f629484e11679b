import type { ExportModel } from '../export-model';
import { ADAMW_DEFAULT_DECAY } from '../../engine/optimizers';
import { pyFloat } from '../python/identifiers';

/**
 * The Python for NetLoom's loss and optimizer semantics: how raw dataset targets become what the loss
 * reads, the loss itself, and the optimizer with the graph's hyperparameters.
 */

/** `prepare_targets(y)`: raw targets from the data file (class index or values) → the loss's target. */
export function prepareTargetsPython(m: ExportModel): string[] {
  const { fn } = m.loss;
  const t = m.dataset.target;
  const head = ['def prepare_targets(y):', '    """Raw dataset targets (class index, or values) -> what the loss compares with."""'];
  if (fn === 'cross_entropy') return [...head, '    return y.long()  # class indices; the same as a one-hot target'];
  if (fn === 'bce' || fn === 'bce_logits') return [...head, '    return y.float().reshape(-1, 1)  # 0/1, one column'];
  if (m.plan.target.encoding === 'one-hot') {
    const classes = t.kind === 'classes' ? t.classes : 2;
    return [...head, `    return F.one_hot(y.long(), num_classes=${classes}).float()  # ${fn} against a one-hot target, as NetLoom`];
  }
  return [...head, `    return y.float().reshape(-1, ${m.plan.target.size})`];
}

/** `compute_loss(model, x, y)`: mean batch loss, the Loss node's formula. */
export function computeLossPython(m: ExportModel, lossNodeId: string): string[] {
  const { fn, mode } = m.loss;
  const head = [
    'def compute_loss(model, x, y):',
    `    """Mean loss over the batch, as NetLoom's Loss node "${lossNodeId}" (${fn}) computes it."""`,
  ];
  if (mode === 'softmax-fused') {
    return [
      ...head,
      '    # softmax followed by cross-entropy is computed from the logits in one stable step, as NetLoom does.',
      '    return F.cross_entropy(model(x, return_logits=True), y)',
    ];
  }
  const call = {
    mse: 'F.mse_loss(prediction, y)',
    mae: 'F.l1_loss(prediction, y)',
    // binary_cross_entropy clamps log at -100, the same floor NetLoom uses.
    bce: 'F.binary_cross_entropy(prediction, y)',
    bce_logits: 'F.binary_cross_entropy_with_logits(prediction, y)',
    cross_entropy: mode === 'cross_entropy_logits'
      ? 'F.cross_entropy(prediction, y)  # the prediction is raw scores (logits: true)'
      : 'F.nll_loss(torch.clamp(torch.log(prediction), min=-100.0), y)  # log clamped at -100, as NetLoom',
  }[fn];
  if (!call) throw new Error(`the PyTorch exporter does not know loss "${fn}"`);
  return [...head, '    prediction = model(x)', `    return ${call}`];
}

/** `make_optimizer(model, lr)` with the graph's optimizer, using PyTorch's own classes (NetLoom follows their formulas). */
export function makeOptimizerPython(m: ExportModel): string[] {
  const o = m.graph.training.optimizer;
  const betas = `betas=(${pyFloat(o.beta1 ?? 0.9)}, ${pyFloat(o.beta2 ?? 0.999)}), eps=${pyFloat(o.eps ?? 1e-8)}`;
  let ctor: string;
  switch (o.type) {
    case 'sgd': {
      const mu = o.momentum ?? 0;
      ctor = mu > 0
        ? `torch.optim.SGD(model.parameters(), lr=lr, momentum=${pyFloat(mu)}, nesterov=${o.nesterov ? 'True' : 'False'})`
        : 'torch.optim.SGD(model.parameters(), lr=lr)';
      break;
    }
    case 'rmsprop':
      ctor = `torch.optim.RMSprop(model.parameters(), lr=lr, alpha=${pyFloat(o.rho ?? 0.99)}, eps=${pyFloat(o.eps ?? 1e-8)}, momentum=${pyFloat(o.momentum ?? 0)})`;
      break;
    case 'adam':
      // NetLoom's adam has no weight decay (that is adamw).
      ctor = `torch.optim.Adam(model.parameters(), lr=lr, ${betas})`;
      break;
    case 'adamw':
      ctor = `torch.optim.AdamW(model.parameters(), lr=lr, ${betas}, weight_decay=${pyFloat(o.weightDecay ?? ADAMW_DEFAULT_DECAY)})`;
      break;
  }
  return [
    'def make_optimizer(model, lr=TRAINING["lr"]):',
    `    """The graph's optimizer (${o.type})."""`,
    `    return ${ctor}`,
  ];
}

/** `apply_penalties_and_clipping(model)`: NetLoom's L1/L2 on decaying weights, then clipping, in its order. */
export function penaltiesPython(m: ExportModel): string[] {
  const t = m.graph.training;
  const lines = [
    'def apply_penalties_and_clipping(model):',
    '    """After backward: add L1/L2 gradients (l1*sign(w) + 2*l2*w) to decaying weights, then clip, as NetLoom."""',
  ];
  let body = 0;
  if ((t.l1 ?? 0) > 0 || (t.l2 ?? 0) > 0) {
    lines.push(
      '    with torch.no_grad():',
      '        for name, weight in model.named_parameters():',
      '            if name.removeprefix("module.") in DECAYING_WEIGHTS:',
      `                weight.grad.add_(${pyFloat(t.l1 ?? 0)} * torch.sign(weight) + 2 * ${pyFloat(t.l2 ?? 0)} * weight)`,
    );
    body++;
  }
  if (t.clipValue !== undefined) {
    lines.push(`    torch.nn.utils.clip_grad_value_(model.parameters(), ${pyFloat(t.clipValue)})`);
    body++;
  }
  if (t.clipNorm !== undefined) {
    lines.push(`    torch.nn.utils.clip_grad_norm_(model.parameters(), ${pyFloat(t.clipNorm)})`);
    body++;
  }
  if (body === 0) lines.push('    pass  # the graph sets no l1, l2, clipNorm or clipValue');
  return lines;
}
