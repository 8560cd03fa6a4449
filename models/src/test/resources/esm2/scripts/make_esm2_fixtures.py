#!/usr/bin/env python3
"""Tiny ESM-2 reference fixtures in the official checkpoint layout (deterministic).

Run from the repository root:  /usr/bin/python3 models/src/test/resources/esm2/scripts/make_esm2_fixtures.py
Needs Debian python3-torch (1.13) and python3-numpy.

Re-implemented from reading facebookresearch/esm (nothing copied): esm/pretrained.py
(load_model_and_alphabet_local, _load_model_and_alphabet_core_v2: cfg = model_data["cfg"]["model"], prefixes
"encoder.sentence_encoder." and "encoder." stripped), esm/data.py (Alphabet.from_architecture("ESM-1b"),
Alphabet.tokenize/encode, BatchConverter, FastaBatchedDataset.from_file), esm/constants.py (proteinseq_toks),
esm/model/esm2.py (ESM2.forward: token dropout scaling, padding zeroed, repr_layers), esm/modules.py
(TransformerLayer pre-LN, gelu with erf, RobertaLMHead), esm/multihead_attention.py (q scaled by head_dim**-0.5,
rotary on q and k, -inf on padded keys, float32 softmax), esm/rotary_embedding.py (rotate_half, inv_freq buffer),
scripts/extract.py (repr_layers, per_tok = t[i, 1:len+1], mean of the same slice, bos = t[i, 0],
truncation_seq_length 1022).

Writes into models/src/test/resources/esm2/:
  esm2_t2_16_tiny.pt   torch.save({"model": state dict with official key names, "args": None, "cfg": {..., "model":
                       argparse.Namespace(encoder_layers, encoder_embed_dim, encoder_attention_heads, token_dropout,
                       ...)}, ...}) like the fairseq-trained esm2_t*_UR50D.pt files
  proteins.fasta       UniProt-style headers (GN=...), random sequences; expected/ reference outputs
"""
import argparse
import json
from pathlib import Path

import numpy as np
import torch
from torch import nn

OUT = Path(__file__).resolve().parent.parent
torch.set_num_threads(1)

LAYERS, DIM, HEADS = 2, 16, 4
STANDARD = ['L', 'A', 'G', 'V', 'S', 'E', 'R', 'T', 'I', 'D', 'P', 'K', 'Q', 'N', 'F', 'Y', 'M', 'H', 'W', 'C',
            'X', 'B', 'U', 'Z', 'O', '.', '-']
AMINO = "ACDEFGHIKLMNPQRSTVWY"
TRUNC_SHORT = 12


def alphabet():
    """Alphabet.from_architecture('ESM-1b'): <cls> <pad> <eos> <unk>, the 27 standard tokens, <null_1> to reach a
    multiple of 8, then <mask>."""
    toks = ["<cls>", "<pad>", "<eos>", "<unk>"] + STANDARD
    toks += [f"<null_{i + 1}>" for i in range((8 - len(toks) % 8) % 8)]
    toks += ["<mask>"]
    return {t: i for i, t in enumerate(toks)}


def encode(seq, tok):
    """Alphabet.encode: special tokens kept whole, whitespace dropped, every other character one token."""
    out, i = [], 0
    while i < len(seq):
        if seq[i] == "<":
            j = seq.index(">", i) + 1
            out.append(tok[seq[i:j]])
            i = j
        elif seq[i].isspace():
            i += 1
        else:
            out.append(tok[seq[i]])
            i += 1
    return out


def batch_tokens(seqs, tok, truncation):
    """BatchConverter: truncate the encoded list, <cls> first, <eos> last, right-pad with <pad>."""
    enc = [encode(s, tok)[:truncation] for s in seqs]
    width = max(len(e) for e in enc) + 2
    t = torch.full((len(seqs), width), tok["<pad>"], dtype=torch.long)
    for i, e in enumerate(enc):
        t[i, 0] = tok["<cls>"]
        t[i, 1:len(e) + 1] = torch.tensor(e)
        t[i, len(e) + 1] = tok["<eos>"]
    return t


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat((-b, a), dim=-1)


class Rotary(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (10000 ** (torch.arange(0, dim, 2).float() / dim)))

    def forward(self, q, k):
        t = torch.arange(k.shape[-2]).type_as(self.inv_freq)
        freqs = torch.einsum("i,j->ij", t, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos()[None], emb.sin()[None]
        return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.k_proj = nn.Linear(DIM, DIM)
        self.v_proj = nn.Linear(DIM, DIM)
        self.q_proj = nn.Linear(DIM, DIM)
        self.out_proj = nn.Linear(DIM, DIM)
        self.rot_emb = Rotary(DIM // HEADS)

    def forward(self, x, pad):
        T, B, _ = x.shape
        hd = DIM // HEADS
        q = self.q_proj(x) * hd ** -0.5
        heads = lambda t: t.contiguous().view(T, B * HEADS, hd).transpose(0, 1)
        q, k, v = heads(q), heads(self.k_proj(x)), heads(self.v_proj(x))
        q, k = self.rot_emb(q, k)
        w = torch.bmm(q, k.transpose(1, 2))
        if pad is not None:
            w = w.view(B, HEADS, T, T).masked_fill(pad[:, None, None, :], float("-inf")).view(B * HEADS, T, T)
        w = torch.softmax(w, dim=-1, dtype=torch.float32)
        a = torch.bmm(w, v).transpose(0, 1).contiguous().view(T, B, DIM)
        return self.out_proj(a)


def gelu(x):
    return x * 0.5 * (1.0 + torch.erf(x / 2.0 ** 0.5))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.self_attn = Attention()
        self.self_attn_layer_norm = nn.LayerNorm(DIM)
        self.fc1 = nn.Linear(DIM, 4 * DIM)
        self.fc2 = nn.Linear(4 * DIM, DIM)
        self.final_layer_norm = nn.LayerNorm(DIM)

    def forward(self, x, pad):
        x = x + self.self_attn(self.self_attn_layer_norm(x), pad)
        return x + self.fc2(gelu(self.fc1(self.final_layer_norm(x))))


class LmHead(nn.Module):
    def __init__(self, weight, vocab):
        super().__init__()
        self.dense = nn.Linear(DIM, DIM)
        self.layer_norm = nn.LayerNorm(DIM)
        self.weight = weight
        self.bias = nn.Parameter(torch.zeros(vocab))


class ESM2(nn.Module):
    def __init__(self, tok):
        super().__init__()
        self.tok = tok
        self.embed_tokens = nn.Embedding(len(tok), DIM, padding_idx=tok["<pad>"])
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.emb_layer_norm_after = nn.LayerNorm(DIM)
        self.lm_head = LmHead(self.embed_tokens.weight, len(tok))

    def forward(self, tokens):
        """All hidden representations: [0] = scaled embedding, [i] = output of layer i, last with the final LN."""
        pad = tokens.eq(self.tok["<pad>"])
        x = self.embed_tokens(tokens)
        x.masked_fill_((tokens == self.tok["<mask>"]).unsqueeze(-1), 0.0)
        observed = (tokens == self.tok["<mask>"]).sum(-1).to(x.dtype) / (~pad).sum(-1)
        x = x * (1 - 0.15 * 0.8) / (1 - observed)[:, None, None]
        x = x * (1 - pad.unsqueeze(-1).type_as(x))
        reps = [x]
        x = x.transpose(0, 1)
        mask = pad if pad.any() else None
        for layer in self.layers:
            x = layer(x, mask)
            reps.append(x.transpose(0, 1))
        reps[-1] = self.emb_layer_norm_after(x).transpose(0, 1)
        return reps


def random_sequences():
    rng = np.random.default_rng(42)
    rand = lambda n: "".join(rng.choice(list(AMINO), n))
    entries = [
        ("sp|P07766|CD3E_HUMAN T-cell surface glycoprotein CD3 epsilon chain OS=Homo sapiens OX=9606 GN=CD3E PE=1 SV=2", rand(31)),
        ("sp|P04234|CD3D_HUMAN T-cell surface glycoprotein CD3 delta chain OS=Homo sapiens OX=9606 GN=CD3D PE=1 SV=1", rand(19)),
        ("sp|P61626|LYZ_HUMAN Lysozyme C OS=Homo sapiens OX=9606 GN=LYZ PE=1 SV=1", rand(44)),
        ("sp|P11836|CD20_HUMAN B-lymphocyte antigen CD20 OS=Homo sapiens OX=9606 GN=MS4A1 PE=1 SV=1", rand(9)),
        ("sp|Q16617|NKG7_HUMAN Protein NKG7 OS=Homo sapiens OX=9606 GN=NKG7 PE=1 SV=2", rand(25) + "XU" + rand(3)),
        ("sp|P07766-2|CD3E_HUMAN Isoform 2 of T-cell surface glycoprotein CD3 epsilon chain OS=Homo sapiens OX=9606 GN=CD3E", rand(23)),
        ("sp|P01308|INS_HUMAN Insulin OS=Homo sapiens OX=9606 GN=INS PE=1 SV=1", rand(7) + "<mask>" + rand(6)),
        ("tr|Q9XXXX|LONG_TEST long sequence for truncation GN=LONG1", rand(61)),
    ]
    return entries


def write_fasta(entries, path):
    with open(path, "w") as f:
        for label, seq in entries:
            f.write(">" + label + "\n")
            for i in range(0, len(seq), 20):                # wrapped lines, as UniProt writes them
                f.write(seq[i:i + 20] + "\n")


def main():
    tok = alphabet()
    g = torch.Generator().manual_seed(8)
    model = ESM2(tok)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters(), key=lambda t: t[0]):
            if "layer_norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=g))
    model.eval()
    state = {}
    for k, v in model.state_dict().items():
        state[("encoder." if k.startswith("lm_head.") else "encoder.sentence_encoder.") + k] = v
    ns = argparse.Namespace(_name="ESM2", arch="esm2", encoder_layers=LAYERS, encoder_embed_dim=DIM,
                            encoder_ffn_embed_dim=4 * DIM, encoder_attention_heads=HEADS, token_dropout=True,
                            dropout=0.0, attention_dropout=0.0, max_positions=1024, mask_prob=0.15)
    cfg = {"_name": None, "common": {"seed": 1, "fp16": True}, "model": ns,
           "task": argparse.Namespace(_name="masked_lm", tokens_per_sample=1024)}
    torch.save({"model": state, "args": None, "cfg": cfg, "optimizer_history": [], "extra_state": {"epoch": 1}},
               OUT / "esm2_t2_16_tiny.pt")

    bad_cfg = dict(cfg, model=argparse.Namespace(**dict(vars(ns), encoder_layers=LAYERS + 1)))
    (OUT / "mismatched").mkdir(exist_ok=True)
    torch.save({"model": state, "args": None, "cfg": bad_cfg}, OUT / "mismatched" / "esm2_t3_16_mismatch.pt")
    entries = random_sequences()
    write_fasta(entries, OUT / "proteins.fasta")
    seqs = [s for _, s in entries]
    (OUT / "expected").mkdir(exist_ok=True)
    e = OUT / "expected"
    results = {}
    with torch.no_grad():
        for trunc in (1022, TRUNC_SHORT):
            tokens = batch_tokens(seqs, tok, trunc)
            reps = model(tokens)
            # extract.py slices t[i, 1:truncate_len+1] with truncate_len = min(trunc, len(seq_str)); for plain
            # sequences that is the token count. A multi-character special token ('<mask>') would make the string
            # longer than the token list, so the token count is used (see README).
            lens = [min(trunc, len(encode(s, tok))) for s in seqs]
            last = reps[-1]
            per_tok = torch.zeros_like(last)
            for i, n in enumerate(lens):
                per_tok[i, 1:n + 1] = last[i, 1:n + 1]
            mean = torch.stack([last[i, 1:n + 1].mean(0) for i, n in enumerate(lens)])
            suffix = "" if trunc == 1022 else f"_trunc{trunc}"
            np.save(e / f"tokens{suffix}.npy", tokens.numpy())
            np.save(e / f"mean{suffix}.npy", mean.numpy())
            np.save(e / f"bos{suffix}.npy", last[:, 0].numpy())
            np.save(e / f"per_tok{suffix}.npy", per_tok.numpy())
            if trunc == 1022:
                np.save(e / "hidden_all_layers_seq0-1.npy", torch.stack([r[:2] for r in reps], dim=1).numpy())
                np.save(e / "mean_layer1.npy", torch.stack([reps[1][i, 1:n + 1].mean(0) for i, n in enumerate(lens)]).numpy())
                single = [model(batch_tokens([s], tok, trunc))[-1][0] for s in seqs]
                results["batch_vs_single_max_abs_diff"] = float(max(
                    (single[i] - last[i, :single[i].shape[0]]).abs().max() for i in range(len(seqs))))
            results[f"lengths{suffix}"] = lens
    results["labels"] = [l for l, _ in entries]
    results["alphabet"] = list(tok.keys())
    (e / "meta.json").write_text(json.dumps(results, indent=1) + "\n")
    print("ESM-2 fixtures written; batch vs single max|diff| =", results["batch_vs_single_max_abs_diff"])


if __name__ == "__main__":
    main()
