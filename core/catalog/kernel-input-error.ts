/**
 * A kernel refused the values it was given (not the shapes, which validation checks): e.g. an Embedding
 * reading a number that is not a token id. The executor fills in which node it was, so the message
 * a learner sees names the node; sessions report it as a data problem, not an internal error.
 */
export class KernelInputError extends Error {
  nodeId?: string;

  constructor(message: string, readonly suggestion?: string) {
    super(message);
    this.name = 'KernelInputError';
  }
}
