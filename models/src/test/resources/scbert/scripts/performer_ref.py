"""Plain-PyTorch re-implementation of the Performer (FAVOR+) encoder used by scBERT and by scFoundation's decoder.

Re-implemented from reading (nothing copied):
  TencentAILabHealthcare/scBERT  performer_pytorch/performer_pytorch.py
      softmax_kernel, gaussian_orthogonal_random_matrix, orthogonal_matrix_chunk, linear_attention,
      FastAttention, SelfAttention, FeedForward, Chunk, PreLayerNorm, Performer, PerformerLM
  TencentAILabHealthcare/scBERT  performer_pytorch/reversible.py      SequentialSequence (x = x + f(x); x = x + g(x))
  biomap-research/scFoundation   model/pretrainmodels/performer.py    PerformerModule (same blocks + final LayerNorm)

Module attribute names are chosen so that state_dict() keys equal the official ones, e.g.
  performer.net.layers.0.0.norm.weight, performer.net.layers.0.0.fn.to_q.weight,
  performer.net.layers.0.0.fn.fast_attention.projection_matrix, performer.net.layers.0.1.fn.fn.w1.weight,
  performer.calls_since_last_redraw.
"""
import math

import torch
from torch import nn


def default_nb_features(dim_head):
    """FastAttention.__init__: nb_features = int(dim_heads * log(dim_heads))."""
    return int(dim_head * math.log(dim_head))


def gaussian_orthogonal_projection(nb_rows, nb_cols, generator):
    """gaussian_orthogonal_random_matrix(scaling=0): stacked orthogonal blocks (transposed Q of a QR of a Gaussian
    square matrix; the last block truncated), each row scaled by the norm of an independent Gaussian row."""
    def block():
        q, _ = torch.linalg.qr(torch.randn((nb_cols, nb_cols), generator=generator), mode="reduced")
        return q.t()

    full = nb_rows // nb_cols
    blocks = [block() for _ in range(full)]
    rest = nb_rows - full * nb_cols
    if rest > 0:
        blocks.append(block()[:rest])
    multiplier = torch.randn((nb_rows, nb_cols), generator=generator).norm(dim=1)
    return torch.diag(multiplier) @ torch.cat(blocks)


def softmax_features(data, projection, is_query, eps=1e-4):
    """softmax_kernel: positive random features of queries / keys, data [b, h, n, d], projection [m, d].

    Queries are stabilised by their own row maximum; keys by the maximum over the WHOLE tensor (all cells of the
    batch, all heads, all positions). The official prediction script runs one cell per forward, so that maximum is
    per cell.
    """
    normalizer = data.shape[-1] ** -0.25
    ratio = projection.shape[0] ** -0.5
    dash = torch.einsum("...id,...jd->...ij", normalizer * data, projection.type_as(data))
    diag = (torch.sum(data ** 2, dim=-1) / 2.0) * (normalizer ** 2)
    diag = diag.unsqueeze(-1)
    if is_query:
        stab = torch.max(dash, dim=-1, keepdim=True).values
    else:
        stab = torch.max(dash)
    return (ratio * (torch.exp(dash - diag - stab) + eps)).type_as(data)


def linear_attention(q, k, v):
    """Non-causal linear attention: out = (q' (k'^T v)) / (q' . sum_n k')."""
    k_sum = k.sum(dim=-2)
    d_inv = 1.0 / torch.einsum("...nd,...d->...n", q, k_sum.type_as(q))
    context = torch.einsum("...nd,...ne->...de", k, v)
    return torch.einsum("...de,...nd,...n->...ne", context, q, d_inv)


class FastAttention(nn.Module):
    def __init__(self, dim_head, nb_features, generator):
        super().__init__()
        self.register_buffer("projection_matrix", gaussian_orthogonal_projection(nb_features, dim_head, generator))

    def forward(self, q, k, v):
        # eval mode: the stored projection is used as is (Performer.check_redraw_projections returns early when
        # not training, so features are never redrawn at inference).
        qf = softmax_features(q, self.projection_matrix, is_query=True)
        kf = softmax_features(k, self.projection_matrix, is_query=False)
        return linear_attention(qf, kf, v)


class SelfAttention(nn.Module):
    def __init__(self, dim, heads, dim_head, nb_features, qkv_bias, generator):
        super().__init__()
        inner = heads * dim_head
        self.heads = heads
        self.fast_attention = FastAttention(dim_head, nb_features, generator)
        self.to_q = nn.Linear(dim, inner, bias=qkv_bias)
        self.to_k = nn.Linear(dim, inner, bias=qkv_bias)
        self.to_v = nn.Linear(dim, inner, bias=qkv_bias)
        self.to_out = nn.Linear(inner, dim)

    def forward(self, x):
        b, n, _ = x.shape
        split = lambda t: t.reshape(b, n, self.heads, -1).permute(0, 2, 1, 3)  # b n (h d) -> b h n d
        out = self.fast_attention(split(self.to_q(x)), split(self.to_k(x)), split(self.to_v(x)))
        return self.to_out(out.permute(0, 2, 1, 3).reshape(b, n, -1))


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4):
        super().__init__()
        self.w1 = nn.Linear(dim, dim * mult)
        self.act = nn.GELU()  # exact (erf) GELU, the FeedForward default
        self.w2 = nn.Linear(dim * mult, dim)

    def forward(self, x):
        return self.w2(self.act(self.w1(x)))


class Chunk(nn.Module):
    """ff_chunks=1: a plain wrapper (kept for the '.fn.fn.' key names)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)


class PreLayerNorm(nn.Module):
    def __init__(self, dim, fn):
        super().__init__()
        self.norm = nn.LayerNorm(dim)  # eps 1e-5
        self.fn = fn

    def forward(self, x):
        return self.fn(self.norm(x))


class Sequence(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, x, hidden=None):
        for f, g in self.layers:
            x = x + f(x)
            x = x + g(x)
            if hidden is not None:
                hidden.append(x)
        return x


class Performer(nn.Module):
    def __init__(self, dim, depth, heads, dim_head, nb_features, qkv_bias, generator):
        super().__init__()
        self.net = Sequence(nn.ModuleList([
            nn.ModuleList([
                PreLayerNorm(dim, SelfAttention(dim, heads, dim_head, nb_features, qkv_bias, generator)),
                PreLayerNorm(dim, Chunk(FeedForward(dim))),
            ]) for _ in range(depth)]))
        self.register_buffer("calls_since_last_redraw", torch.tensor(0))

    def forward(self, x, hidden=None):
        return self.net(x, hidden)


def randomize(module, generator, emb_std=0.5, w_std=0.2, skip=()):
    """Deterministic non-trivial init of every float parameter (sorted names), LayerNorm weights near 1."""
    with torch.no_grad():
        for name, p in sorted(module.named_parameters(), key=lambda t: t[0]):
            if any(name.startswith(s) for s in skip):
                continue
            if "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=generator))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=generator))
            elif "emb" in name:
                p.copy_(emb_std * torch.randn(p.shape, generator=generator, dtype=p.dtype))
            else:
                p.copy_(w_std * torch.randn(p.shape, generator=generator))
