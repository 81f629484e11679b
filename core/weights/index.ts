export { decodeSafetensors, encodeSafetensors, SafetensorsError, type NamedTensor, type SafetensorsFile } from './safetensors';
export {
  assignWeights, decodeWeightsFor, encodeWeights, weightName, WeightsMismatchError,
  WEIGHTS_FORMAT, WEIGHTS_LAYOUT_NOTE, WEIGHTS_VERSION,
} from './netloom-weights';
export { initialWeights } from './initial';
