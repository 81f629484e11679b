import { parseArgs } from 'node:util';
import { adviseCommand } from './commands/advise';
import { benchCommand } from './commands/bench';
import { catalogCommand } from './commands/catalog';
import { compileCommand } from './commands/compile';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { predictCommand } from './commands/predict';
import { traceCommand } from './commands/trace';
import { trainCommand } from './commands/train';
import { validateCommand } from './commands/validate';
import { CliError, processOutput, type Output } from './io';
import { parseScheduleFlag } from './schedule-flag';
import { enableRelaxedSimd } from './wasm-features';

const USAGE = `usage: netloom <command> [options]

  validate <graph.json>                     check a graph: "ok" or one line per problem
  train <graph.json> [--epochs N] [--seed S] [--jsonl]
        [--schedule constant|cosine[:warmup=E,min=LR]|step:every=E,gamma=G]
                                            learning-rate schedule (docs/graph-format.md)
        [--load-weights FILE] [--save-weights FILE]
                                            start from / save weights (safetensors, see docs/export.md)
  compile <graph.json> [--json]             print the computation plan
  catalog [--json]                          node types, activations, datasets and their params
  export <graph.json> --to json|pytorch|keras|onnx [-o FILE] [--load-weights FILE]
                                            JSON, PyTorch or Keras Python (data written beside -o),
                                            or an ONNX inference model (needs -o)
  bench [--workload W1|…|W6] [--json] [--workers 1|2]
                                            speed of the reference workloads (docs/perf.md);
                                            --workers 2 trains each batch data-parallel
  bench --scaling [--json]                  GEMM and MLP throughput against width and batch size
  import <model.onnx> -o <graph.json> [--weights FILE]
                                            an ONNX model as a graph + <graph>.safetensors (docs/import.md)
  predict <graph.json> --input <x.npy> [--weights FILE] [-o <y.npy>]
                                            run the graph in evaluation mode on a batch
  advise <graph.json> [--json] [--run EPOCHS]
                                            the graph advisor's warnings (docs/advisor.md); --run also
                                            trains and adds the run-time diagnostics
  trace <graph.json> [--weights FILE] [--example N] [--json]
                                            one training example through the network: every
                                            node's output and gradient, every weight's gradient
`;

/** Run one CLI invocation; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: string[], io: Output = processOutput): Promise<number> {
  enableRelaxedSimd();
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${e.message}\n`);
      return e.exitCode;
    }
    io.err(`netloom: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}

async function run(argv: string[], io: Output): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        epochs: { type: 'string' },
        seed: { type: 'string' },
        schedule: { type: 'string' },
        jsonl: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        workload: { type: 'string' },
        scaling: { type: 'boolean', default: false },
        workers: { type: 'string' },
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'load-weights': { type: 'string' },
        'save-weights': { type: 'string' },
        weights: { type: 'string' },
        input: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        run: { type: 'string' },
        example: { type: 'string' },
      },
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
  }
  const { values: v, positionals } = parsed;
  if (!command || command === 'help' || command === '--help' || v.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const file = () => {
    if (!positionals[0]) throw new CliError(`netloom ${command}: which graph file?\n${USAGE}`, 2);
    return positionals[0];
  };
  switch (command) {
    case 'validate':
      return validateCommand(file(), io);
    case 'train':
      return trainCommand(file(), {
        epochs: intFlag('epochs', v.epochs, 1), seed: intFlag('seed', v.seed), jsonl: v.jsonl,
        loadWeights: v['load-weights'], saveWeights: v['save-weights'],
        ...(v.schedule !== undefined ? { schedule: parseScheduleFlag(v.schedule) } : {}),
      }, io);
    case 'compile':
      return compileCommand(file(), v.json, io);
    case 'catalog':
      return catalogCommand(v.json, io);
    case 'export':
      return exportCommand(file(), { to: v.to, output: v.output, loadWeights: v['load-weights'] }, io);
    case 'bench':
      return benchCommand(v.workload, v.json, io, v.scaling, intFlag('workers', v.workers, 1) ?? 1);
    case 'import':
      return importCommand(file(), { output: v.output, weights: v.weights }, io);
    case 'predict':
      return predictCommand(file(), { input: v.input, output: v.output, weights: v.weights }, io);
    case 'advise':
      return adviseCommand(file(), { json: v.json, run: intFlag('run', v.run, 1) }, io);
    case 'trace':
      return traceCommand(file(), { json: v.json, weights: v.weights, example: intFlag('example', v.example, 0) }, io);
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`, 2);
  }
}

function intFlag(name: string, raw: string | undefined, min = -2147483648): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be an integer${min > 0 ? ` ≥ ${min}` : ''}, got "${raw}"`, 2);
  return n;
}
