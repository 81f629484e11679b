import type { ConstFolder } from '../values';
import {
  absConst, addConst, divConst, expConst, identityConst, logConst, mulConst, negConst, reluConst, sigmoidConst, sqrtConst, subConst, tanhConst,
} from './elementwise';
import {
  castConst, concatConst, constantOfShape, expandConst, gatherConst, reshapeConst, sliceConst, squeeze, transposeConst, unsqueeze,
} from './shape';

/**
 * Ops evaluated at import time when all their inputs are constants (shape arithmetic feeding a
 * Reshape, a Transpose of an initializer, Cast/Unsqueeze/Squeeze of constants…). `Constant` and
 * `Shape` are handled by the importer itself: they have no constant inputs to wait for.
 */
export const CONST_FOLDERS: Readonly<Record<string, ConstFolder>> = {
  ConstantOfShape: constantOfShape,
  Expand: expandConst,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Reshape: reshapeConst,
  Transpose: transposeConst,
  Concat: concatConst,
  Gather: gatherConst,
  Slice: sliceConst,
  Cast: castConst,
  Add: addConst,
  Sub: subConst,
  Mul: mulConst,
  Div: divConst,
  Neg: negConst,
  Sqrt: sqrtConst,
  Exp: expConst,
  Log: logConst,
  Abs: absConst,
  Tanh: tanhConst,
  Sigmoid: sigmoidConst,
  Relu: reluConst,
  Identity: identityConst,
  Dropout: identityConst,
};
