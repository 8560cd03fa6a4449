#!/usr/bin/env python3
"""Tiny scFoundation (xTrimoGene, mae_autobin) reference fixtures in the official file layout (deterministic).

Run from the repository root:
  /usr/bin/python3 models/src/test/resources/scfoundation/scripts/make_scfoundation_fixtures.py
Needs Debian python3-torch (1.13), python3-numpy, python3-anndata, python3-scipy. Reads data/pbmc4k_soupx_2170cells_counts.h5ad.

Re-implemented from reading biomap-research/scFoundation (nothing copied): model/load.py (load_model_frommmf,
convertconfig, gatherData, getEncoerDecoderData, main_gene_selection), model/get_embedding.py (main),
model/pretrainmodels/select_model.py, mae_autobin.py (AutoDiscretizationEmbedding2, MaeAutobin.forward),
transformer.py (pytorchTransformerModule), performer.py (PerformerModule; blocks shared with scBERT's Performer).

Writes into models/src/test/resources/scfoundation/:
  models/models.ckpt                 {'gene'|'cell'|'rde': Lightning-style {'config', 'state_dict' ('model.' prefix), ...}}
  OS_scRNA_gene_index.tiny.tsv       the gene list (official column names gene_name, index)
  inputs/cells.h5ad, expected/       inputs and reference outputs (see README.md)
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
sys.path.insert(0, str(HERE.parents[1] / "scbert" / "scripts"))
import performer_ref as P  # noqa: E402

OUT = HERE.parent
REPO = HERE.parents[5]
torch.set_num_threads(1)

ENC = {"hidden_dim": 16, "depth": 2, "heads": 4, "dim_head": 4, "module_type": "transformer", "norm_first": False}
DEC = {"hidden_dim": 12, "depth": 2, "heads": 2, "dim_head": 6, "module_type": "performer", "norm_first": False}
BIN_NUM, BIN_ALPHA, PAD_ID, MASK_ID = 12, 1.0, 103, 102
DETAIL = [0, 1]

DATA_GENES = ["MALAT1", "B2M", "TMSB4X", "CD74", "LYZ", "CST3", "S100A9", "S100A8", "FTL", "FTH1", "HLA-DRA",
              "CD3E", "CD3D", "IL7R", "LTB", "CCR7", "CD8A", "CD8B", "NKG7", "GNLY", "GZMB", "MS4A1", "CD79A",
              "CD79B", "FCGR3A", "CD14", "ACTB", "EEF1A1", "TPT1", "PTPRC", "LDHB", "JUNB", "FOS", "KLRB1",
              "RP11-34P13.7", "MT-CO1"]
NOT_IN_LIST = {"RP11-34P13.7", "MT-CO1", "TPT1", "JUNB"}
MISSING_FROM_DATA = ["INS", "ALB", "KRT18", "COL1A1", "MYH6", "SFTPC", "TTR", "PRSS1", "GCG", "TG", "A1BG", "ZNF10"]


def build_inputs():
    src = ad.read_h5ad(REPO / "data" / "pbmc4k_soupx_2170cells_counts.h5ad")
    cells = []
    for ct in ["T_CD4", "T_CD8", "B", "NK", "MNP"]:
        cells.extend(np.flatnonzero(src.obs["cell_type"].values == ct)[3:5].tolist())
    cols = [src.var_names.get_loc(g) for g in DATA_GENES]
    x = np.asarray(src.X[cells][:, cols].todense(), dtype=np.float32)
    two_counts = np.zeros(len(DATA_GENES), np.float32)   # sparsest possible cell that 'all' pooling accepts
    two_counts[[DATA_GENES.index("LYZ"), DATA_GENES.index("CD3E")]] = 1.0
    x = np.vstack([x, two_counts])
    perm = np.random.default_rng(5).permutation(len(DATA_GENES))
    genes = [DATA_GENES[i] for i in perm]
    a = ad.AnnData(X=sp.csr_matrix(x[:, perm]), obs={"cell_type": list(src.obs["cell_type"].values[cells]) + ["synthetic"]})
    a.obs_names = [str(src.obs_names[i]) for i in cells] + ["two_counts"]
    a.var_names = genes
    return a


def gene_list():
    genes = [g for g in DATA_GENES if g not in NOT_IN_LIST] + MISSING_FROM_DATA
    return sorted(genes)                                  # the official list is alphabetical


def align(adata, genes):
    """main_gene_selection: pad missing genes with zeros (float64 after the concatenate), order by the gene list;
    data genes outside the list are dropped. First data column wins for a repeated symbol."""
    obj = list(adata.var_names)
    loc = [obj.index(g) if g in obj else -1 for g in genes]
    dense = np.asarray(adata.X.todense(), dtype=np.float32)
    out = np.zeros((adata.n_obs, len(genes)), np.float64)
    for j, c in enumerate(loc):
        if c >= 0:
            out[:, j] = dense[:, c]
    return loc, out


def cell_values(row, pre_normalized, tgthighres):
    """get_embedding.py, input_type singlecell: the 19,264(+2) input values of one cell, float64 then float32."""
    total = np.add.reduce(row)                            # pairwise float64 sum over the listed genes
    if pre_normalized == "F":
        values = np.log1p(row / total * 1e4)
    else:
        values = row
    kind, amount = tgthighres[0], float(tgthighres[1:])
    s = np.log10(total)
    t = {"f": np.log10(total * amount), "a": np.log10(total) + amount, "t": amount}[kind]
    return torch.tensor(list(values) + [t, s], dtype=torch.float32)


def gather(values, pad_id):
    """gatherData for one cell: positive values in position order (no padding at batch size 1)."""
    keep = torch.nonzero(values > 0).flatten()
    return values[keep], keep, values[keep] == pad_id


class AutoDiscretization(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.mlp = nn.Linear(1, BIN_NUM)
        self.mlp2 = nn.Linear(BIN_NUM, BIN_NUM)
        self.emb = nn.Embedding(BIN_NUM, dim)
        self.emb_mask = nn.Embedding(1, dim)
        self.emb_pad = nn.Embedding(1, dim)

    def forward(self, v):
        """AutoDiscretizationEmbedding2.forward: soft binning of each scalar, mask / pad ids replaced."""
        x = torch.nn.functional.leaky_relu(self.mlp(v.unsqueeze(-1)), 0.1)
        x = BIN_ALPHA * x + self.mlp2(x)
        x = torch.softmax(x, dim=-1) @ self.emb.weight
        x[v == MASK_ID] = self.emb_mask.weight[0]
        x[v == PAD_ID] = self.emb_pad.weight[0]
        return x


class TransformerEncoder(nn.Module):
    """pytorchTransformerModule: post-LN nn.TransformerEncoderLayer (ReLU, ff 4x, eps 1e-5) + final LayerNorm."""

    def __init__(self, c):
        super().__init__()
        d = c["hidden_dim"]
        self.transformer_encoder = nn.ModuleList([
            nn.TransformerEncoderLayer(d, c["heads"], d * 4, dropout=0.1, batch_first=True, norm_first=False)
            for _ in range(c["depth"])])
        self.norm = nn.LayerNorm(d)

    def forward(self, x, padding_mask):
        for layer in self.transformer_encoder:
            x = layer(x, src_key_padding_mask=padding_mask)
        return self.norm(x)


class PerformerDecoder(nn.Module):
    """PerformerModule (qkv_bias=True); the decoder's padding_mask keyword is not routed to the layers."""

    def __init__(self, c, g):
        super().__init__()
        self.performer = P.Performer(c["hidden_dim"], c["depth"], c["heads"], c["dim_head"],
                                     P.default_nb_features(c["dim_head"]), True, g)
        self.norm = nn.LayerNorm(c["hidden_dim"])

    def forward(self, x):
        return self.norm(self.performer(x))


class MaeAutobin(nn.Module):
    def __init__(self, seq_len, g):
        super().__init__()
        self.token_emb = AutoDiscretization(ENC["hidden_dim"])
        self.pos_emb = nn.Embedding(seq_len + 1, ENC["hidden_dim"])
        self.decoder_embed = nn.Linear(ENC["hidden_dim"], DEC["hidden_dim"])
        self.norm = nn.LayerNorm(DEC["hidden_dim"])
        self.to_final = nn.Linear(DEC["hidden_dim"], 1)
        self.encoder = TransformerEncoder(ENC)
        self.decoder = PerformerDecoder(DEC, g)

    def encode(self, values, ids, padding):
        x = self.token_emb(values) + self.pos_emb(ids)
        return x, self.encoder(x, padding)

    def genes(self, full, values, ids, padding):
        """MaeAutobin.forward with to_final=None (output_type gene): decoder context embedding of every gene."""
        _, enc = self.encode(values, ids, padding)
        dec = self.token_emb(full)
        dec[0, ids[0]] = enc[0][~padding[0]]
        dec = dec + self.pos_emb(torch.arange(full.shape[1]).unsqueeze(0))
        return self.norm(self.decoder(self.decoder_embed(dec)))


def pool(emb, how):
    """get_embedding.py pool_type: 'all' = [last, second-to-last, max over the rest, mean over the rest]; 'max'."""
    if how == "max":
        return emb.max(dim=0).values
    rest = emb[:-2]
    return torch.cat([emb[-1], emb[-2], rest.max(dim=0).values, rest.mean(dim=0)])


def lightning_entry(model, seq_len, genes_n):
    model_cfg = {"mask_gene_name": False, "gene_num": seq_len, "seq_len": seq_len,
                 "encoder": dict(ENC, seq_len=seq_len), "decoder": dict(DEC, seq_len=seq_len), "n_class": 104,
                 "pad_token_id": PAD_ID, "mask_token_id": MASK_ID, "bin_num": BIN_NUM, "bin_alpha": BIN_ALPHA,
                 "rawcount": True, "model": "mae_autobin"}
    data_cfg = {"test_valid_train_idx_dict": "meta.csv.train_set_idx_dict.pt", "valid_data_path": "valid.npz",
                "num_tokens": 13, "train_data_path": None, "isPanA": False, "isPlanA1": False,
                "max_files_to_load": 5, "bin_type": "auto_bin", "value_mask_prob": 0.3, "zero_mask_prob": 0.03,
                "replace_prob": 0.8, "random_token_prob": 0.1, "mask_ignore_token_ids": [0],
                "decoder_add_zero": True, "mae_encoder_max_seq_len": genes_n, "isPlanA": False, "mask_prob": 0.3,
                "bin_num": BIN_NUM, "seq_len": seq_len}
    config = {"model": "mae_autobin", "model_config": {"mae_autobin": model_cfg},
              "dataset_config": {"rnaseq": data_cfg},
              "training": {"trainer": "lightning", "batch_size": 128, "num_workers": 1},
              "trainer": {"params": {"accelerator": "gpu", "devices": 1, "precision": "bf16"}},
              "optimizer": {"type": "adam_w", "params": {"lr": 1e-4, "weight_decay": 0}}}
    state = {"model." + k: v for k, v in model.state_dict().items()}
    return {"epoch": 4, "global_step": 123456, "pytorch-lightning_version": "1.6.4", "config": config,
            "state_dict": state}


def main():
    genes = gene_list()
    seq_len = len(genes) + 2
    adata = build_inputs()
    (OUT / "inputs").mkdir(exist_ok=True)
    (OUT / "expected").mkdir(exist_ok=True)
    (OUT / "models").mkdir(exist_ok=True)
    adata.write_h5ad(OUT / "inputs" / "cells.h5ad")
    with open(OUT / "OS_scRNA_gene_index.tiny.tsv", "w") as f:
        f.write("gene_name\tindex\n" + "".join(f"{g}\t{i}\n" for i, g in enumerate(genes)))

    models = {}
    for key, seed in [("gene", 1), ("cell", 2), ("rde", 3)]:
        g = torch.Generator().manual_seed(seed)
        m = MaeAutobin(seq_len, g)
        P.randomize(m, g)
        models[key] = m.eval()
    torch.save({k: lightning_entry(m, seq_len, len(genes)) for k, m in models.items()}, OUT / "models" / "models.ckpt")

    bad = lightning_entry(models["cell"], seq_len, len(genes))
    bad["config"]["model_config"]["mae_autobin"]["encoder"]["hidden_dim"] = 24   # config no longer fits the tensors
    (OUT / "mismatched").mkdir(exist_ok=True)
    torch.save({"cell": bad}, OUT / "mismatched" / "models.ckpt")
    loc, aligned = align(adata, genes)
    variants = [("all_t4", "cell", "all", "t4", "F"), ("max_t4", "cell", "max", "t4", "F"),
                ("all_a5_rde", "rde", "all", "a5", "F"), ("all_f2", "cell", "all", "f2", "F")]
    e = OUT / "expected"
    detail = {}
    with torch.no_grad():
        for name, key, how, res, pre in variants:
            rows = []
            for i in range(aligned.shape[0]):             # get_embedding.py: one cell per forward
                v = cell_values(aligned[i], pre, res)
                vals, ids, pad = gather(v, PAD_ID)
                x, enc = models[key].encode(vals.unsqueeze(0), ids.unsqueeze(0), pad.unsqueeze(0))
                rows.append(pool(enc[0], how))
                if name == "all_t4" and i in DETAIL:
                    detail.setdefault("values", []).append(v.numpy())
                    detail.setdefault("ids", []).append(ids.numpy())
                    detail.setdefault("input", []).append(x[0].numpy())
                    detail.setdefault("encoder", []).append(enc[0].numpy())
            np.save(e / f"cell_emb_{name}.npy", torch.stack(rows).numpy())
        prenorm = np.log1p(aligned / aligned.sum(axis=1, keepdims=True) * 1e4)
        rows = []
        for i in range(prenorm.shape[0]):
            vals, ids, pad = gather(cell_values(prenorm[i], "T", "t4"), PAD_ID)
            rows.append(pool(models["cell"].encode(vals.unsqueeze(0), ids.unsqueeze(0), pad.unsqueeze(0))[1][0], "all"))
        np.save(e / "cell_emb_all_t4_prenormalized.npy", torch.stack(rows).numpy())
        np.save(e / "prenormalized_input.npy", prenorm)
        gene_out = []
        for i in DETAIL:
            v = cell_values(aligned[i], "F", "t4")
            vals, ids, pad = gather(v, PAD_ID)
            out = models["gene"].genes(v.unsqueeze(0), vals.unsqueeze(0), ids.unsqueeze(0), pad.unsqueeze(0))
            gene_out.append(out[0, :len(genes)].numpy())
        np.save(e / "gene_emb_cells0-1.npy", np.stack(gene_out))
    np.save(e / "values_cells0-1.npy", np.stack(detail["values"]))
    for k in ["ids", "input", "encoder"]:
        for j, arr in enumerate(detail[k]):
            np.save(e / f"{k}_cell{DETAIL[j]}.npy", arr.astype(np.int64) if k == "ids" else arr)
    meta = {"genes": genes, "data_genes": list(adata.var_names), "data_column_of_gene": loc,
            "genes_matched": int(sum(c >= 0 for c in loc)), "cells": list(adata.obs_names),
            "gathered_positions": [gather(cell_values(aligned[i], "F", "t4"), PAD_ID)[1].tolist()
                                   for i in range(aligned.shape[0])]}
    (e / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print("scFoundation fixtures written")


if __name__ == "__main__":
    main()
