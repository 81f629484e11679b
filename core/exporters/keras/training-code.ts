import { ADAMW_DEFAULT_DECAY } from '../../engine/optimizers';
import type { ExportModel } from '../export-model';
import { pyFloat } from '../python/identifiers';
import { kerasSchedulePython } from '../python/schedule-code';

/** Data loading, targets, loss, optimizer and main() of the Keras script, as Python sections. */
export function kerasTrainingPython(m: ExportModel): string[][] {
  const t = m.graph.training;
  const o = t.optimizer;
  const clip = [t.clipNorm !== undefined ? `, global_clipnorm=${pyFloat(t.clipNorm)}` : '', t.clipValue !== undefined ? `, clipvalue=${pyFloat(t.clipValue)}` : ''].join('');
  const eps = pyFloat(o.eps ?? 1e-8);
  const optimizer = {
    sgd: `keras.optimizers.SGD(learning_rate=learning_rate(lr, steps_per_epoch, epochs), momentum=${pyFloat(o.momentum ?? 0)}, nesterov=${o.nesterov ? 'True' : 'False'}${clip})`,
    rmsprop: `keras.optimizers.RMSprop(learning_rate=learning_rate(lr, steps_per_epoch, epochs), rho=${pyFloat(o.rho ?? 0.99)}, momentum=${pyFloat(o.momentum ?? 0)}, epsilon=${eps}${clip})`,
    adam: `keras.optimizers.Adam(learning_rate=learning_rate(lr, steps_per_epoch, epochs), beta_1=${pyFloat(o.beta1 ?? 0.9)}, beta_2=${pyFloat(o.beta2 ?? 0.999)}, epsilon=${eps}${clip})`,
    adamw: `keras.optimizers.AdamW(learning_rate=learning_rate(lr, steps_per_epoch, epochs), weight_decay=${pyFloat(o.weightDecay ?? ADAMW_DEFAULT_DECAY)}, beta_1=${pyFloat(o.beta1 ?? 0.9)}, beta_2=${pyFloat(o.beta2 ?? 0.999)}, epsilon=${eps}${clip})`,
  }[o.type];
  const { fn, mode } = m.loss;
  const loss = {
    mse: '"mse"',
    mae: '"mae"',
    bce: 'keras.losses.BinaryCrossentropy()',
    bce_logits: 'keras.losses.BinaryCrossentropy(from_logits=True)',
    cross_entropy: mode === 'cross_entropy_logits' ? 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)' : 'keras.losses.SparseCategoricalCrossentropy()',
  }[fn];
  const classes = m.dataset.target.kind === 'classes' ? m.dataset.target.classes : 2;
  const prepare = fn === 'cross_entropy' ? 'return y.astype("int64")  # class indices'
    : fn === 'bce' || fn === 'bce_logits' ? 'return y.reshape(-1, 1)'
    : m.plan.target.encoding === 'one-hot' ? `return np.eye(${classes}, dtype="float32")[y.astype("int64")]  # one-hot, as NetLoom`
    : `return y.reshape(-1, ${m.plan.target.size})`;
  return [
    [
      'def load_data(path):',
      '    """NetLoom\'s rows: x_train, y_train, x_val, y_val."""',
      '    data = np.load(path)',
      '    return tuple(data[key] for key in ("x_train", "y_train", "x_val", "y_val"))',
    ],
    ['def prepare_targets(y):', `    ${prepare}`],
    [
      'def make_loss():',
      ...(mode === 'softmax-fused' ? ['    # NetLoom fuses softmax + cross-entropy; Keras computes it from the probabilities (clipped at 1e-7).'] : []),
      `    return ${loss}`,
    ],
    kerasSchedulePython(t.schedule),
    [
      'def make_optimizer(lr=TRAINING["lr"], steps_per_epoch=1, epochs=TRAINING["epochs"]):',
      '    """The graph\'s optimizer; steps_per_epoch and epochs place training.schedule over the run."""',
      `    return ${optimizer}`,
    ],
    `
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--batch-size", type=int, default=TRAINING["batch_size"])
    parser.add_argument("--lr", type=float, default=TRAINING["lr"])
    parser.add_argument("--weights", default=str(WEIGHTS_FILE) if WEIGHTS_FILE.exists() else None)
    parser.add_argument("--data", default=str(DATA_FILE))
    parser.add_argument("--save-weights", default=None)
    args = parser.parse_args()

    keras.utils.set_random_seed(TRAINING["seed"])
    model = build_model()
    if args.weights:
        load_netloom_weights(model, args.weights)
    x_train, y_train, x_val, y_val = load_data(args.data)
    steps_per_epoch = math.ceil(len(x_train) / args.batch_size)
    model.compile(optimizer=make_optimizer(args.lr, steps_per_epoch, args.epochs), loss=make_loss())
    validation = (x_val, prepare_targets(y_val)) if len(x_val) else None
    model.fit(x_train, prepare_targets(y_train), batch_size=args.batch_size, epochs=args.epochs,
              shuffle=TRAINING["shuffle"], validation_data=validation, verbose=2)
    if args.save_weights:
        save_netloom_weights(model, args.save_weights)


if __name__ == "__main__":
    main()
`.trim().split('\n'),
  ];
}
