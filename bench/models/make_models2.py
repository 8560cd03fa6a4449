"""Writes random-initialised scBERT, scFoundation and ESM-2 checkpoints at their real sizes, in the official file
layouts, plus the inputs of the benchmark (bench/models/models2-vs-python.sh).

    /usr/bin/python3 bench/models/make_models2.py WORK_DIR N_CELLS N_PROTEINS

WORK_DIR/scbert:        panglao_pretrain.pth ({'model_state_dict': PerformerLM(num_tokens 7, dim 200, depth 6, heads 10,
                        dim_head 64, nb_features 266), seq_len 16,907, float64 gene2vec}) and genes.txt: 16,906 symbols
                        (the official panglao_10000.h5ad list is not public; the first 16,906 PBMC 4k symbols in
                        alphabetical order stand in; the sequence length, hence the cost, is the real one).
WORK_DIR/scfoundation:  models.ckpt ({'cell': Lightning entry, 0.1B config: encoder 768 x 12 layers x 12 heads,
                        decoder 512 x 6 x 8, bin_num 100, seq_len 19,266}) with the bundled official gene list.
WORK_DIR/esm2:          esm2_t6_8M_UR50D-sized checkpoint (6 layers, 320 dim, 20 heads), proteins.fasta: N_PROTEINS
                        random sequences, lengths 50..1000 (seed 3).
WORK_DIR/cells.h5ad:    the first N_CELLS cells of data/pbmc4k_soupx_2170cells_counts.h5ad with > 1,000 counts.
Model modules come from the fixture reference scripts (models/src/test/resources/*/scripts), so the benchmark's
Python side is the same reference implementation the parity tests use. Weights are random (seeded): speed does not
depend on their values. Tool: Debian python3-torch 1.13.
"""
import argparse as ap
import sys
from pathlib import Path

import anndata as ad
import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "models/src/test/resources"
sys.path.insert(0, str(RES / "scbert/scripts"))
sys.path.insert(0, str(RES / "scfoundation/scripts"))
sys.path.insert(0, str(RES / "esm2/scripts"))
import performer_ref as P  # noqa: E402
import make_scbert_fixtures as SB  # noqa: E402
import make_scfoundation_fixtures as SF  # noqa: E402
import make_esm2_fixtures as E  # noqa: E402


def small_init(model, g):
    with torch.no_grad():
        for name, p in sorted(model.named_parameters(), key=lambda t: t[0]):
            if not p.requires_grad:
                continue
            if "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.01 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.02 * torch.randn(p.shape, generator=g))


def scbert(work, genes):
    out = work / "scbert"
    out.mkdir(parents=True, exist_ok=True)
    SB.DIM, SB.DEPTH, SB.HEADS, SB.DIM_HEAD = 200, 6, 10, 64
    g = torch.Generator().manual_seed(1)
    model = SB.PerformerLM(len(genes), g)
    small_init(model, g)
    torch.save({"epoch": 1, "model_state_dict": model.state_dict()}, out / "panglao_pretrain.pth")
    (out / "genes.txt").write_text("\n".join(genes) + "\n")


def scfoundation(work):
    out = work / "scfoundation"
    out.mkdir(parents=True, exist_ok=True)
    genes = [l.split("\t")[0] for l in
             (ROOT / "models/src/main/resources/org/scjava/models/scfoundation/OS_scRNA_gene_index.19264.tsv")
             .read_text().splitlines()[1:]]
    SF.ENC.update(hidden_dim=768, depth=12, heads=12, dim_head=64)
    SF.DEC.update(hidden_dim=512, depth=6, heads=8, dim_head=64)
    SF.BIN_NUM = 100
    g = torch.Generator().manual_seed(2)
    model = SF.MaeAutobin(len(genes) + 2, g)
    small_init(model, g)
    torch.save({"cell": SF.lightning_entry(model, len(genes) + 2, len(genes))}, out / "models.ckpt")


def esm2(work, n):
    out = work / "esm2"
    out.mkdir(parents=True, exist_ok=True)
    E.LAYERS, E.DIM, E.HEADS = 6, 320, 20
    tok = E.alphabet()
    model = E.ESM2(tok)
    small_init(model, torch.Generator().manual_seed(3))
    state = {("encoder." if k.startswith("lm_head.") else "encoder.sentence_encoder.") + k: v
             for k, v in model.state_dict().items()}
    ns = ap.Namespace(encoder_layers=6, encoder_embed_dim=320, encoder_attention_heads=20, token_dropout=True)
    torch.save({"model": state, "args": None, "cfg": {"model": ns}}, out / "esm2_t6_8M_UR50D.pt")
    rng = np.random.default_rng(3)
    E.write_fasta([(f"protein_{i:04d} GN=G{i}", "".join(rng.choice(list(E.AMINO), int(rng.integers(50, 1001)))))
                   for i in range(n)], out / "proteins.fasta")


def main():
    work, n_cells, n_prot = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    pbmc = ad.read_h5ad(ROOT / "data/pbmc4k_soupx_2170cells_counts.h5ad")
    keep = np.flatnonzero(np.asarray(pbmc.X.sum(axis=1)).ravel() > 1000)[:n_cells]
    sub = pbmc[keep].copy()
    sub.obsm.clear()
    sub.write_h5ad(work / "cells.h5ad")
    scbert(work, sorted(set(pbmc.var_names))[:16906])
    scfoundation(work)
    esm2(work, n_prot)
    print("benchmark models written to", work)


if __name__ == "__main__":
    main()
