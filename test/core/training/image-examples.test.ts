import { describe, expect, it } from 'vitest';
import { imageSize } from '../../../core/session/image-examples';

describe('image inputs for the validation grid', () => {
  it('recognises square flat images and 2-D shapes, and nothing else', () => {
    expect(imageSize([784])).toEqual({ width: 28, height: 28 });
    expect(imageSize([28, 28])).toEqual({ width: 28, height: 28 });
    expect(imageSize([1, 28, 28])).toEqual({ width: 28, height: 28 });
    expect(imageSize([28, 28, 1])).toEqual({ width: 28, height: 28 });
    expect(imageSize([2])).toBeNull();
    expect(imageSize([100])).toBeNull(); // 10×10 is too small to be a picture worth drawing
    expect(imageSize([8, 3, 3])).toBeNull();
  });
});
