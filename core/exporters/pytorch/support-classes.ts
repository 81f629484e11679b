import type { TorchCustomClass } from './emit-nodes';

/**
 * Python source of the layers PyTorch lacks, or has in a different form than NetLoom. Each is the
 * formula of the matching NetLoom kernel (core/catalog), written for a reader rather than for speed.
 */
const CLASSES: Record<TorchCustomClass, string> = {
  Step: `
class Step(nn.Module):
    """1 where x > 0, else 0. Its slope is 0 everywhere, so layers before it never learn (as in NetLoom)."""

    def forward(self, x):
        # "+ 0 * x" keeps x in the autograd graph: earlier layers get an explicit zero gradient (so L1/L2
        # and the optimizer treat them exactly as NetLoom does) instead of no gradient at all.
        return (x > 0).to(x.dtype) + 0 * x
`,
  CReLU: `
class CReLU(nn.Module):
    """Concatenated ReLU: [relu(x), relu(-x)] on the last axis, so d features become 2d."""

    def forward(self, x):
        return torch.cat([F.relu(x), F.relu(-x)], dim=-1)
`,
  LastAxisPReLU: `
class LastAxisPReLU(nn.Module):
    """Leaky ReLU with one learned slope per feature of the LAST axis, starting at 0.25.

    nn.PReLU puts its slopes on axis 1, which for a sequence [B, T, d] would be the positions.
    """

    def __init__(self, features, init=0.25):
        super().__init__()
        self.alpha = nn.Parameter(torch.full((features,), init))

    def forward(self, x):
        return torch.where(x > 0, x, self.alpha * x)
`,
  NALU: `
class NALU(nn.Module):
    """Neural Arithmetic Logic Unit (Trask et al., 2018) on a flat input [B, in].

    W = tanh(W_hat) * sigmoid(M_hat) (weights pushed towards -1, 0, 1)
    add = x @ W;  mul = exp(log(|x| + eps) @ W);  g = sigmoid(x @ G);  y = g * add + (1 - g) * mul
    Matrices are kept [in][out] like NetLoom's, so y = x @ W with no transpose.
    """

    eps = 1e-7

    def __init__(self, in_features, units):
        super().__init__()
        self.W_hat = nn.Parameter(torch.empty(in_features, units))
        self.M_hat = nn.Parameter(torch.empty(in_features, units))
        self.G = nn.Parameter(torch.empty(in_features, units))
        for weight in (self.W_hat, self.M_hat, self.G):
            nn.init.xavier_uniform_(weight)

    def forward(self, x):
        W = torch.tanh(self.W_hat) * torch.sigmoid(self.M_hat)
        additive = x @ W
        multiplicative = torch.exp(torch.log(torch.abs(x) + self.eps) @ W)
        gate = torch.sigmoid(x @ self.G)
        return gate * additive + (1 - gate) * multiplicative
`,
  SelfAttention: `
class SelfAttention(nn.Module):
    """Multi-head scaled dot-product self-attention on a sequence [B, T, d] -> [B, T, d_model].

    Per head: softmax(Q K^T / sqrt(d_head)) V; heads are concatenated and projected by o.
    With causal=True, position i only attends to positions j <= i.
    """

    def __init__(self, in_features, d_model, heads, causal):
        super().__init__()
        self.heads = heads
        self.causal = causal
        self.q = nn.Linear(in_features, d_model)
        self.k = nn.Linear(in_features, d_model)
        self.v = nn.Linear(in_features, d_model)
        self.o = nn.Linear(d_model, d_model)

    def forward(self, x):
        batch, length, _ = x.shape

        def split_heads(t):  # [B, T, d_model] -> [B, heads, T, d_head]
            return t.view(batch, length, self.heads, -1).transpose(1, 2)

        q, k, v = split_heads(self.q(x)), split_heads(self.k(x)), split_heads(self.v(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        if self.causal:
            future = torch.triu(torch.ones(length, length, dtype=torch.bool, device=x.device), diagonal=1)
            scores = scores.masked_fill(future, float("-inf"))
        heads_out = torch.softmax(scores, dim=-1) @ v
        return self.o(heads_out.transpose(1, 2).reshape(batch, length, -1))
`,
};

/** The definitions of the given classes, in a fixed order. */
export function supportClasses(used: ReadonlySet<TorchCustomClass>): string[] {
  return (Object.keys(CLASSES) as TorchCustomClass[]).filter((c) => used.has(c)).map((c) => CLASSES[c].trimEnd());
}
