/**
 * Keras layers for what Keras lacks or defines differently from NetLoom, written with `tf` ops so they
 * run on TensorFlow 2.x with tf.keras (Keras 2 or 3). Each is the formula of the NetLoom kernel.
 */
export type KerasCustomLayer = 'Step' | 'HardSigmoid' | 'CReLU' | 'GeluTanh' | 'Mish' | 'NALU' | 'SelfAttention';

const LAYERS: Record<KerasCustomLayer, string> = {
  Step: `
class Step(layers.Layer):
    """1 where x > 0, else 0 (slope 0 everywhere, so nothing before it learns)."""

    def call(self, x):
        return tf.cast(x > 0, x.dtype)
`,
  HardSigmoid: `
class HardSigmoid(layers.Layer):
    """relu6(x + 3) / 6, NetLoom's and PyTorch's form (Keras 2's hard_sigmoid is 0.2x + 0.5, a different function)."""

    def call(self, x):
        return tf.clip_by_value(x / 6.0 + 0.5, 0.0, 1.0)
`,
  CReLU: `
class CReLU(layers.Layer):
    """[relu(x), relu(-x)] on the last axis: d features become 2d."""

    def call(self, x):
        return tf.concat([tf.nn.relu(x), tf.nn.relu(-x)], axis=-1)
`,
  GeluTanh: `
class GeluTanh(layers.Layer):
    """GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as NetLoom computes it."""

    def call(self, x):
        return 0.5 * x * (1.0 + tf.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x * x * x)))
`,
  Mish: `
class Mish(layers.Layer):
    """x * tanh(softplus(x))."""

    def call(self, x):
        return x * tf.tanh(tf.math.softplus(x))
`,
  NALU: `
class NALU(layers.Layer):
    """Neural Arithmetic Logic Unit (Trask et al., 2018); matrices [in][out] like NetLoom's.

    W = tanh(W_hat) * sigmoid(M_hat);  y = g * (x W) + (1 - g) * exp(log(|x| + eps) W),  g = sigmoid(x G)
    """

    eps = 1e-7

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        shape = (int(input_shape[-1]), self.units)
        self.W_hat = self.add_weight(name="W_hat", shape=shape, initializer="glorot_uniform")
        self.M_hat = self.add_weight(name="M_hat", shape=shape, initializer="glorot_uniform")
        self.G = self.add_weight(name="G", shape=shape, initializer="glorot_uniform")

    def call(self, x):
        W = tf.tanh(self.W_hat) * tf.sigmoid(self.M_hat)
        gate = tf.sigmoid(tf.matmul(x, self.G))
        multiplicative = tf.exp(tf.matmul(tf.math.log(tf.abs(x) + self.eps), W))
        return gate * tf.matmul(x, W) + (1.0 - gate) * multiplicative
`,
  SelfAttention: `
class SelfAttention(layers.Layer):
    """Multi-head self-attention on [B, T, d] with NetLoom's weights (Wq, bq, Wk, bk, Wv, bv, Wo, bo; [in][out]).

    Per head softmax(Q K^T / sqrt(d_head)) V; causal=True hides later positions.
    """

    def __init__(self, d_model, heads, causal, **kwargs):
        super().__init__(**kwargs)
        self.d_model, self.heads, self.causal = d_model, heads, causal

    def build(self, input_shape):
        d = int(input_shape[-1])
        for proj, fan_in in (("q", d), ("k", d), ("v", d), ("o", self.d_model)):
            setattr(self, f"W{proj}", self.add_weight(name=f"W{proj}", shape=(fan_in, self.d_model), initializer="glorot_uniform"))
            setattr(self, f"b{proj}", self.add_weight(name=f"b{proj}", shape=(self.d_model,), initializer="zeros"))

    def call(self, x):
        batch, length = tf.shape(x)[0], tf.shape(x)[1]
        d_head = self.d_model // self.heads

        def split_heads(t):  # [B, T, d_model] -> [B, heads, T, d_head]
            return tf.transpose(tf.reshape(t, [batch, length, self.heads, d_head]), [0, 2, 1, 3])

        q = split_heads(tf.matmul(x, self.Wq) + self.bq)
        k = split_heads(tf.matmul(x, self.Wk) + self.bk)
        v = split_heads(tf.matmul(x, self.Wv) + self.bv)
        scores = tf.matmul(q, k, transpose_b=True) / math.sqrt(d_head)
        if self.causal:
            visible = tf.linalg.band_part(tf.ones([length, length], dtype=tf.bool), -1, 0)
            scores = tf.where(visible, scores, tf.fill(tf.shape(scores), float("-inf")))
        heads_out = tf.matmul(tf.nn.softmax(scores, axis=-1), v)
        merged = tf.reshape(tf.transpose(heads_out, [0, 2, 1, 3]), [batch, length, self.d_model])
        return tf.matmul(merged, self.Wo) + self.bo
`,
};

export function kerasCustomLayers(used: ReadonlySet<KerasCustomLayer>): string[] {
  return (Object.keys(LAYERS) as KerasCustomLayer[]).filter((c) => used.has(c)).map((c) => LAYERS[c].trim());
}
