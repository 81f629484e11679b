/** Loaders for the ten `mnist` digit files, one per digit 0–9; each resolves to the JSON module. */
export declare const DIGIT_IMPORTS: readonly (() => Promise<unknown>)[];
