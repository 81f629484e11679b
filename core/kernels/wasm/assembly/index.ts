// Entry point of the SIMD kernel module; see scripts/build-wasm.mjs.
export { gemm, gemmNT, colsum } from './gemm';
export { adamStep } from './adam';
export { scratchEnd } from './scratch';
export { combineHalves } from './combine';
export { lstmForwardStep } from './lstm';
export { lstmBackwardStep } from './lstm-backward';
export { gruForwardStep, gruBackwardStep } from './gru';
export { rnnForwardStep, rnnBackwardStep } from './rnn';
export { im2col, col2imAdd, fillRows, rowSums } from './conv';
export { maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward } from './pool';
export { reluForward, reluBackward } from './relu';
export { convDirectForward } from './conv-direct';
export { sigmoidForward, sigmoidBackward, tanhForward, tanhBackward } from './activations';
export { attnSoftmaxForward, attnSoftmaxBackward } from './attention-softmax';
export { meanPoolForward, meanPoolBackward } from './mean-pool';
export { sgdStep } from './sgd';
