#!/usr/bin/env python3
"""Tiny scBERT reference fixtures in the official file layout (deterministic).

Run from the repository root:  /usr/bin/python3 models/src/test/resources/scbert/scripts/make_scbert_fixtures.py
Needs Debian python3-torch (1.13), python3-numpy, python3-anndata, python3-scipy. Reads data/pbmc4k_soupx_2170cells_counts.h5ad.

Writes into models/src/test/resources/scbert/:
  panglao_pretrain.pth   torch.save({'epoch','model_state_dict','optimizer_state_dict','scheduler_state_dict','losses'})
                         as scBERT utils.save_ckpt writes it (PerformerLM with the pretraining head to_out: Linear(dim, 7))
  finetuned.pth          the same encoder with the classifier head of predict.py (Identity: conv1, fc1, fc2, fc3),
                         as utils.save_best_ckpt writes it
  panglao_10000.h5ad     reference gene list (var_names), the role of the official panglao_10000.h5ad
  inputs/cells.h5ad      raw counts to embed; expected/ the reference outputs (see README.md)
"""
import json
import sys
from pathlib import Path

import anndata as ad
import numpy as np
import scipy.sparse as sp
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import performer_ref as P  # noqa: E402

OUT = HERE.parent
REPO = HERE.parents[5]
torch.set_num_threads(1)

DIM, DEPTH, HEADS, DIM_HEAD, BIN_NUM = 16, 2, 2, 8, 5
NUM_TOKENS = BIN_NUM + 2           # CLASS = bin_num + 2 in predict.py / pretrain.py
FT_HIDDEN, FT_H_DIM, FT_CLASSES = 24, 12, 3
DETAIL = [0, 1]                    # cells with per-position intermediates saved

# Genes of the tiny data set (real PBMC counts) and of the tiny reference list.
DATA_GENES = ["MALAT1", "B2M", "TMSB4X", "CD74", "LYZ", "CST3", "S100A9", "S100A8", "FTL", "FTH1", "HLA-DRA",
              "CD3E", "CD3D", "IL7R", "LTB", "CCR7", "CD8A", "CD8B", "NKG7", "GNLY", "GZMB", "MS4A1", "CD79A",
              "CD79B", "FCGR3A", "CD14", "ACTB", "EEF1A1", "TPT1", "RPL13", "RPS27", "PTPRC", "LDHB", "JUNB",
              "FOS", "KLRB1"]
MISSING_FROM_DATA = ["INS", "ALB", "KRT18", "COL1A1", "MYH6", "SFTPC", "TTR", "PRSS1", "GCG", "TG"]
NOT_IN_REFERENCE = {"JUNB", "FOS", "KLRB1", "LDHB", "PTPRC", "TPT1"}


def build_inputs():
    src = ad.read_h5ad(REPO / "data" / "pbmc4k_soupx_2170cells_counts.h5ad")
    rng = np.random.default_rng(7)
    cells = []
    for ct in ["T_CD4", "T_CD8", "B", "NK", "MNP"]:
        idx = np.flatnonzero(src.obs["cell_type"].values == ct)[:3]
        cells.extend(idx.tolist())
    cols = [src.var_names.get_loc(g) for g in DATA_GENES]
    x = np.asarray(src.X[cells][:, cols].todense(), dtype=np.float32)
    # Synthetic cells: exact bin boundaries (reference total 10,000, log2(1+c) integral), all-zero, saturated.
    boundary = np.zeros(len(DATA_GENES), np.float32)
    ref_cols = [i for i, g in enumerate(DATA_GENES) if g not in NOT_IN_REFERENCE]
    for c, v in zip(ref_cols, [1, 3, 7, 15, 31, 63]):
        boundary[c] = v
    boundary[ref_cols[6]] = 10000 - boundary.sum()
    boundary[[i for i, g in enumerate(DATA_GENES) if g in NOT_IN_REFERENCE][0]] = 500  # ignored gene
    zero = np.zeros(len(DATA_GENES), np.float32)
    zero[[i for i, g in enumerate(DATA_GENES) if g in NOT_IN_REFERENCE]] = 9  # counts only outside the reference
    saturated = np.zeros(len(DATA_GENES), np.float32)
    saturated[ref_cols[:3]] = [5000, 40, 2]
    x = np.vstack([x, boundary, zero, saturated])
    perm = rng.permutation(len(DATA_GENES))  # data column order differs from reference order
    x = x[:, perm]
    genes = [DATA_GENES[i] for i in perm]
    names = [str(src.obs_names[i]) for i in cells] + ["boundary", "no_reference_counts", "saturated"]
    a = ad.AnnData(X=sp.csr_matrix(x), obs={"cell_type": list(src.obs["cell_type"].values[cells]) + ["synthetic"] * 3},
                   var={"gene_symbol": genes})
    a.obs_names = names
    a.var_names = genes
    return a


def reference_genes():
    ref = [g for g in DATA_GENES if g not in NOT_IN_REFERENCE] + MISSING_FROM_DATA
    return [ref[i] for i in np.random.default_rng(11).permutation(len(ref))]


def align_and_bin(adata, ref):
    """preprocess.py: align to the reference list (first data column with the symbol; missing genes stay 0), then
    scanpy 1.7.2 normalize_total(target_sum=1e4) and log1p(base=2) in float32; predict.py: values > bin_num become
    bin_num, then .long() truncates toward zero, and token 0 is appended."""
    obj = list(adata.var_names)
    loc = [obj.index(g) if g in obj else -1 for g in ref]
    dense = np.asarray(adata.X.todense(), dtype=np.float32)
    aligned = np.zeros((adata.n_obs, len(ref)), np.float32)
    for j, c in enumerate(loc):
        if c >= 0:
            aligned[:, j] = dense[:, c]
    csr = sp.csr_matrix(aligned)                       # row sums over stored entries, float32, in reference order
    counts = np.asarray(csr.sum(axis=1)).ravel().astype(np.float32)
    counts = counts + (counts == 0)
    counts = counts / np.float32(1e4)                   # float32 array / scalar stays float32
    scale = np.float32(1) / counts
    csr.data = csr.data * np.repeat(scale, np.diff(csr.indptr))
    csr.data = np.log1p(csr.data) / np.float32(np.log(2))
    norm = np.asarray(csr.todense(), dtype=np.float32)
    seq = norm.copy()
    seq[seq > BIN_NUM] = BIN_NUM
    tokens = torch.from_numpy(seq).long()
    tokens = torch.cat([tokens, torch.zeros((tokens.shape[0], 1), dtype=torch.long)], dim=1)
    return loc, norm, tokens


class Gene2Vec(nn.Module):
    """Gene2VecPositionalEmbedding: a frozen float64 table (gene2vec rows + a zero row for the appended token)."""

    def __init__(self, weight64):
        super().__init__()
        self.emb = nn.Embedding.from_pretrained(weight64)

    def forward(self, n):
        return self.emb(torch.arange(n))


class PerformerLM(nn.Module):
    def __init__(self, n_genes, g):
        super().__init__()
        self.token_emb = nn.Embedding(NUM_TOKENS, DIM)
        g2v = torch.cat([0.5 * torch.randn((n_genes, DIM), generator=g, dtype=torch.float64),
                         torch.zeros((1, DIM), dtype=torch.float64)])
        self.pos_emb = Gene2Vec(g2v)
        self.performer = P.Performer(DIM, DEPTH, HEADS, DIM_HEAD, P.default_nb_features(DIM_HEAD), False, g)
        self.norm = nn.LayerNorm(DIM)
        self.to_out = nn.Linear(DIM, NUM_TOKENS)

    def encode(self, tokens, keep=None):
        x = self.token_emb(tokens)
        x += self.pos_emb(tokens.shape[1])               # float32 += float64, as PerformerLM.forward
        if keep is not None:
            keep["input"] = x.clone()
            keep["layers"] = []
        x = self.performer(x, None if keep is None else keep["layers"])
        return self.norm(x)


class ClassifierHead(nn.Module):
    """predict.py / finetune.py Identity head (dropout off in eval)."""

    def __init__(self, seq_len):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 1, (1, DIM))
        self.fc1 = nn.Linear(seq_len, FT_HIDDEN)
        self.fc2 = nn.Linear(FT_HIDDEN, FT_H_DIM)
        self.fc3 = nn.Linear(FT_H_DIM, FT_CLASSES)

    def forward(self, enc):
        x = torch.relu(self.conv1(enc[:, None, :, :])).view(enc.shape[0], -1)
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


def save_checkpoint(model, path, epoch, loss):
    """utils.save_ckpt layout, with a real Adam state so the file has the official nesting."""
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    for p in model.parameters():
        if p.requires_grad:
            p.grad = torch.zeros_like(p)
    opt.step()
    sched = {"first_cycle_steps": 15, "cycle_mult": 2, "base_max_lr": 1e-4, "max_lr": 1e-4, "min_lr": 1e-6,
             "warmup_steps": 5, "gamma": 0.9, "cur_cycle_steps": 15, "cycle": 0, "step_in_cycle": epoch,
             "base_lrs": [1e-6], "last_epoch": epoch, "_step_count": epoch + 1, "verbose": False,
             "_get_lr_called_within_step": False, "_last_lr": [2.08e-5]}
    torch.save({"epoch": epoch, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
                "scheduler_state_dict": sched, "losses": loss}, path)


def main():
    g = torch.Generator().manual_seed(2021)
    adata = build_inputs()
    ref = reference_genes()
    (OUT / "inputs").mkdir(exist_ok=True)
    (OUT / "expected").mkdir(exist_ok=True)
    adata.write_h5ad(OUT / "inputs" / "cells.h5ad")
    panglao = ad.AnnData(X=sp.csr_matrix(np.zeros((3, len(ref)), np.float32)))
    panglao.var_names = ref
    panglao.obs_names = ["ref_cell_0", "ref_cell_1", "ref_cell_2"]
    panglao.write_h5ad(OUT / "panglao_10000.h5ad")

    model = PerformerLM(len(ref), g)
    P.randomize(model, g, skip=("pos_emb",))
    with torch.no_grad():
        model.performer.calls_since_last_redraw.fill_(17)
    model.eval()
    head = ClassifierHead(len(ref) + 1)
    P.randomize(head, g)
    head.eval()

    loc, norm, tokens = align_and_bin(adata, ref)
    n = tokens.shape[0]
    enc_all, logits_all, ft_all = [], [], []
    inputs, layers = [], []
    with torch.no_grad():
        for i in range(n):                                # predict.py: one cell per forward
            keep = {}
            enc = model.encode(tokens[i:i + 1], keep)
            enc_all.append(enc[0])
            logits_all.append(model.to_out(enc)[0])
            ft_all.append(head(enc)[0])
            if i in DETAIL:
                inputs.append(keep["input"][0])
                layers.append(torch.stack([t[0] for t in keep["layers"]]))
        batched = model.encode(tokens)                    # whole batch in one forward: key stabiliser shared
    enc_all = torch.stack(enc_all)
    ft_logits = torch.stack(ft_all)
    e = OUT / "expected"
    np.save(e / "normalized.npy", norm)
    np.save(e / "tokens.npy", tokens.numpy())
    np.save(e / "embedding_input_cells0-1.npy", torch.stack(inputs).numpy())
    np.save(e / "layer_out_cells0-1.npy", torch.stack(layers).numpy())
    np.save(e / "encodings_cells0-1.npy", enc_all[DETAIL].numpy())
    np.save(e / "cell_emb_mean.npy", enc_all.mean(dim=1).numpy())
    np.save(e / "cell_emb_cls.npy", enc_all[:, -1, :].numpy())
    np.save(e / "gene_logits_cells0-1.npy", torch.stack([logits_all[i] for i in DETAIL]).numpy())
    np.save(e / "finetuned_logits.npy", ft_logits.numpy())
    np.save(e / "finetuned_probs.npy", torch.softmax(ft_logits, dim=-1).numpy())
    meta = {"reference_genes": ref, "data_genes": list(adata.var_names), "data_column_of_reference_gene": loc,
            "genes_matched": int(sum(c >= 0 for c in loc)), "cells": list(adata.obs_names),
            "config": {"num_tokens": NUM_TOKENS, "dim": DIM, "depth": DEPTH, "heads": HEADS, "dim_head": DIM_HEAD,
                       "nb_features": P.default_nb_features(DIM_HEAD), "seq_len": len(ref) + 1},
            "batch_vs_per_cell_max_abs_diff": float((batched - enc_all).abs().max())}
    (e / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")

    save_checkpoint(model, OUT / "panglao_pretrain.pth", 7, 1.2345)
    ft = PerformerLM(len(ref), torch.Generator().manual_seed(0))
    ft.load_state_dict(model.state_dict())
    ft.to_out = head
    save_checkpoint(ft, OUT / "finetuned.pth", 3, 0.4321)
    bad = {k: v.clone() for k, v in model.state_dict().items()}
    bad["performer.net.layers.1.0.fn.to_k.weight"] = bad["performer.net.layers.1.0.fn.to_k.weight"][:8]
    (OUT / "mismatched").mkdir(exist_ok=True)
    torch.save({"model_state_dict": bad}, OUT / "mismatched" / "panglao_pretrain.pth")   # utils.save_simple_ckpt layout
    print("scBERT fixtures written; batch-vs-per-cell max|diff| =", meta["batch_vs_per_cell_max_abs_diff"])


if __name__ == "__main__":
    main()
