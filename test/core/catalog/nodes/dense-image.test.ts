import { describe, expect, it } from 'vitest';
import { DenseNode } from '../../../../core/catalog/nodes/dense';
import { withDefaults } from '../../../../core/catalog/params';

const dataset = { inputShape: [1, 28, 28], target: { kind: 'classes' as const, classes: 10 } };

describe('Dense fed an image', () => {
  it('asks for a Flatten instead of silently working per row', () => {
    const r = DenseNode.inferShape({ params: withDefaults(DenseNode, {}), inputs: [[6, 12, 12]], dataset });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/gets the image-like \[B, 6, 12, 12\]; put a Flatten \(or a GlobalAvgPool\) before it/);
  });

  it('still applies per position on a sequence [T, d]', () => {
    const r = DenseNode.inferShape({ params: withDefaults(DenseNode, { units: 4 }), inputs: [[5, 3]], dataset });
    expect(r).toEqual({ ok: true, shape: [5, 4] });
  });
});
