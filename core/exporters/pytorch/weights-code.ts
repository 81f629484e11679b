import { WEIGHTS_FORMAT, WEIGHTS_VERSION } from '../../weights';

/**
 * Python that reads and writes NetLoom weight files (safetensors) with only struct, json and numpy,
 * since the `safetensors` package is often not installed. Shared by the PyTorch and Keras exports.
 */
export const SAFETENSORS_PYTHON = `
def read_safetensors(path):
    """{name: float32 array} from a .safetensors file, read with struct/json/numpy only."""
    with open(path, "rb") as f:
        (header_length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_length))
        data = f.read()
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name!r} has dtype {info['dtype']}, expected F32")
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"]).copy()
    return tensors


def write_safetensors(path, tensors, metadata):
    """Write {name: array} as float32 safetensors, in the layout NetLoom's --load-weights reads."""
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-(8 + len(text)) % 8)  # the data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def check_weight_names(path, tensors, expected):
    """Fail with a message naming every missing or unexpected tensor."""
    missing = [name for name in expected if name not in tensors]
    unexpected = [name for name in tensors if name not in expected]
    if missing or unexpected:
        raise ValueError(f"{path} does not fit this model: missing {missing}, unexpected {unexpected}")
`.trim();

/** Metadata written by save_netloom_weights, the same keys NetLoom writes. */
export function weightsMetadataPython(graphName: string): string {
  return `{"format": "${WEIGHTS_FORMAT}", "version": "${WEIGHTS_VERSION}", "graph": ${JSON.stringify(graphName)}}`;
}
