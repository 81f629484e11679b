/**
 * When the run-time diagnostics speak up. Layer statistics describe one batch, so the per-layer
 * conditions must hold at two observations in a row before they are reported.
 */
export const RUN_TIME = {
  /** More than this share of a ReLU layer's units output 0 for every row of the batch. */
  deadShare: 0.5,
  /**
   * More than this share of a sigmoid/tanh layer's values sit where the slope is under a tenth of its
   * peak. Healthy tanh layers on the 2D sets often have half their values there, so "most" means 3/4.
   */
  saturatedShare: 0.75,
  /** First trainable layer's gradient norm below this fraction of the last one's: three orders of magnitude. */
  vanishingRatio: 1e-3,
  /** Global gradient norm above this, or this many times its value after the first epoch (and above 1). */
  explodingNorm: 1e3,
  explodingGrowth: 100,
  /**
   * The mean training loss of the last `plateauEpochs / 2` epochs improved on the mean of the
   * `plateauEpochs / 2` before by less than this fraction (comparing means, not extremes, so SGD's
   * jitter does not hide a plateau).
   */
  plateauChange: 2e-3,
  plateauEpochs: 10,
  /**
   * Classification at or above this training accuracy counts as learnt: a plateau there is the data's
   * own noise (the 2D sets mislabel a few points on purpose), not a stuck run.
   */
  solvedAccuracy: 0.95,
  /** A loss below this has nothing left to learn: a plateau there is success, not a problem. */
  solvedLoss: 1e-3,
  /** Observations in a row a per-layer condition must hold. */
  persistence: 2,
} as const;
