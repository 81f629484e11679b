import type { ExportModel } from '../export-model';

/**
 * The generic part of the script: one training step, evaluation, and `main()` with its command line,
 * which runs on CPU, on one GPU, or on several processes under torchrun (DistributedDataParallel).
 */
export function trainingLoopPython(m: ExportModel): string[] {
  const classification = m.plan.task === 'classification';
  const threshold = m.plan.prediction === 'logit' ? '0.0' : '0.5';
  const accuracy = !classification ? [] : m.plan.target.size === 1
    ? [`            correct += ((prediction.reshape(-1) > ${threshold}).long() == yb.long()).sum().item()`]
    : ['            correct += (prediction.argmax(dim=-1) == yb.long()).sum().item()'];
  return `
def train_step(model, optimizer, x, y):
    """One minibatch: forward, backward, penalties and clipping, update. Returns the batch loss (before the update)."""
    model.train()
    optimizer.zero_grad()
    loss = compute_loss(model, x, prepare_targets(y))
    loss.backward()
    apply_penalties_and_clipping(model)
    optimizer.step()
    return loss.item()


def evaluate(model, x, y, batch_size):
    """Mean loss${classification ? ' and accuracy' : ''} on a whole split, in eval mode (dropout off)."""
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(x), batch_size):
            xb, yb = x[start:start + batch_size], y[start:start + batch_size]
            total_loss += compute_loss(model, xb, prepare_targets(yb)).item() * len(xb)
${accuracy.length ? ['            prediction = model(xb)', ...accuracy].join('\n') : ''}
    count = max(len(x), 1)
    return total_loss / count, ${classification ? 'correct / count' : 'None'}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--batch-size", type=int, default=TRAINING["batch_size"], help="per process")
    parser.add_argument("--lr", type=float, default=TRAINING["lr"])
    parser.add_argument("--device", default=None, help="cpu, cuda, cuda:1, ... (default: cuda when available)")
    parser.add_argument("--weights", default=str(WEIGHTS_FILE) if WEIGHTS_FILE.exists() else None,
                        help="NetLoom weights (.safetensors) to start from; '' for PyTorch's own initialisation")
    parser.add_argument("--data", default=str(DATA_FILE), help="the .npz written by netloom export")
    parser.add_argument("--save-weights", default=None, help="write the trained weights here for netloom --load-weights")
    return parser.parse_args()


def main():
    args = parse_args()
    # torchrun sets WORLD_SIZE, RANK and LOCAL_RANK; a plain "python model.py" run is a single process.
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    use_cuda = torch.cuda.is_available() and (args.device is None or args.device.startswith("cuda"))
    if distributed:
        local_rank = int(os.environ["LOCAL_RANK"])
        dist.init_process_group("nccl" if use_cuda else "gloo")
        device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
        if use_cuda:
            torch.cuda.set_device(device)
    else:
        device = torch.device(args.device or ("cuda" if use_cuda else "cpu"))
    is_main = not distributed or dist.get_rank() == 0

    if is_main:
        processes = dist.get_world_size() if distributed else 1
        print(f"training on {processes} process(es), device {device}", flush=True)
    torch.manual_seed(TRAINING["seed"])
    model = build_model()
    if args.weights:
        load_netloom_weights(model, args.weights)
    model.to(device)
    # DDP averages gradients across processes, so the effective batch is batch_size x processes.
    trained = DistributedDataParallel(model, device_ids=[device.index] if use_cuda else None) if distributed else model
    optimizer = make_optimizer(trained, lr=args.lr)

    x_train, y_train, x_val, y_val = load_data(args.data)
    train_set = TensorDataset(x_train, y_train)
    sampler = DistributedSampler(train_set, shuffle=TRAINING["shuffle"], seed=TRAINING["seed"]) if distributed else None
    loader = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler,
                        shuffle=TRAINING["shuffle"] and sampler is None,
                        generator=torch.Generator().manual_seed(TRAINING["seed"]))
    x_val, y_val = x_val.to(device), y_val.to(device)
    scheduler = make_scheduler(optimizer, len(loader), args.epochs)

    for epoch in range(1, args.epochs + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        loss_sum = torch.zeros(2, dtype=torch.float64, device=device)  # [sum of batch loss x rows, rows]
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss_sum += torch.tensor([train_step(trained, optimizer, x, y) * len(x), len(x)], dtype=torch.float64, device=device)
            if scheduler is not None:
                scheduler.step()
        if distributed:
            dist.all_reduce(loss_sum)
        if is_main:
            train_loss = (loss_sum[0] / loss_sum[1]).item()
            line = f"epoch {epoch}/{args.epochs}: train loss {train_loss:.6f}"
            if len(x_val) > 0:
                val_loss, val_accuracy = evaluate(model, x_val, y_val, args.batch_size)
                line += f", validation loss {val_loss:.6f}"
                if val_accuracy is not None:
                    line += f", validation accuracy {val_accuracy:.4f}"
            print(line, flush=True)

    if args.save_weights and is_main:
        save_netloom_weights(model, args.save_weights)
        print(f"saved weights to {args.save_weights}")
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`.trim().split('\n');
}
