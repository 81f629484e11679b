import { AttributeType, int64ToNumber, type Int64, type OnnxTypes } from '../../onnx/proto';
import { readTensor, type ConstTensor } from './tensor';

/** Typed access to one node's attributes, with the defaults the operator's spec gives. */
export class Attributes {
  private readonly byName = new Map<string, OnnxTypes.IAttributeProto>();

  constructor(attrs: readonly OnnxTypes.IAttributeProto[] | null | undefined) {
    for (const a of attrs ?? []) if (a.name) this.byName.set(a.name, a);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  int(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? int64ToNumber(a.i as Int64) : fallback;
  }

  float(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? (a.f ?? 0) : fallback;
  }

  ints(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.ints ?? []).map((v) => int64ToNumber(v as Int64)) : undefined;
  }

  floats(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? [...(a.floats ?? [])] : undefined;
  }

  strings(name: string): string[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.strings ?? []).map((b) => new TextDecoder().decode(b)) : undefined;
  }

  string(name: string, fallback: string): string {
    const a = this.byName.get(name);
    return a?.s ? new TextDecoder().decode(a.s) : fallback;
  }

  /** A tensor-valued attribute (Constant's `value`, ConstantOfShape's `value`). */
  tensor(name: string): ConstTensor | undefined {
    const a = this.byName.get(name);
    return a?.t ? readTensor(a.t) : undefined;
  }

  /** The attribute's declared type, for Constant's value_float / value_ints… forms. */
  typeOf(name: string): number | undefined {
    const a = this.byName.get(name);
    return a ? (a.type ?? inferType(a)) : undefined;
  }
}

function inferType(a: OnnxTypes.IAttributeProto): number {
  if (a.t) return AttributeType.TENSOR;
  if (a.ints && a.ints.length) return AttributeType.INTS;
  if (a.floats && a.floats.length) return AttributeType.FLOATS;
  return AttributeType.INT;
}
