export { importOnnx, NO_DATASET, type ImportOptions, type ImportProblem, type ImportReport, type ImportResult } from './import-model';
export { OnnxReadError } from './decode';
export { OP_MAPPERS } from './ops';
export { CONST_FOLDERS } from './fold';
