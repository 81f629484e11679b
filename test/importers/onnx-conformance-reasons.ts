/**
 * Why a case of the ONNX node suite is refused, as a short class name, recognised from the importer's
 * message. The expectation table names a class per refused case, so a refusal for a different
 * reason (a regression that hides behind "refused anyway") fails the suite too.
 */
export const REASONS = {
  'opset < 7': /operator set [0-6];/,
  'more than one graph input': /the model has \d+ data inputs/,
  'more than one graph output': /the model has \d+ outputs/,
  'no data input': /the model has no data input/,
  'output is a constant': /does not depend on the input/,
  'output is the input': /is the model's input unchanged/,
  'input has only the batch axis': /has only the batch axis/,
  'input is not a float tensor': /has data type \d+; NetLoom imports|is not a tensor|tensor "[^"]+" holds 0 values/,
  'computes in float32 only': /NetLoom computes in float32 only/,
  'moves the batch axis': /cuts the batch axis|across the batch|mix the examples of a batch|cannot reshape \[B[^\]]*\] to \[B|batch axis|before the batch|moves the batch|keep the batch axis first|fold the batch into|bias C of shape \[\d+, \d+\] is not one value|transA = 1/,
  'used extra output': /output "[^"]+" \([^)]*\) is used|mask output is used/,
  'training mode': /training_mode = 1/,
  'constant operand': /is a constant; (only computed|Sum is supported)|only supported on constants|multiplying by a constant|adding a constant|subtracting a constant|dividing by a constant|minus a constant|divided by a constant/,
  'gather of a computed table': /lookup of computed token ids in a constant weight table/,
  'gather of scattered positions': /picks one position or a run of consecutive ones/,
  'empty result': /keeps nothing of axis/,
  'unsupported attribute value': /LayerNorm uses|steps \[|Clip\(|linear_before_reset = 0|layout = 1|alpha = .*gamma =|alpha = .*beta =|slope of shape/,
  'time-major recurrent input': /is supported when it reads a batch-first input/,
  'reduction NetLoom lacks': /MeanPool averages the sequence axis/,
  'layer norm not over the last axis': /LayerNorm normalises the last axis only/,
  'matmul weight not a matrix': /the weight must be a matrix/,
  'unsupported op': /is not supported$/m,
  '3-D window': /3-D windows are not supported/,
  'pooling: argmax output': /argmax indices/,
} as const satisfies Record<string, RegExp>;

export type Reason = keyof typeof REASONS;

/** The first class whose pattern the message matches, or 'unclassified'. */
export function classify(message: string): Reason | 'unclassified' {
  for (const [name, re] of Object.entries(REASONS)) if (re.test(message)) return name as Reason;
  return 'unclassified';
}
