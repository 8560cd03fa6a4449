"""Python/PyTorch side of bench/models/models2-vs-python.sh: embeds the benchmark cells with scBERT and scFoundation
and the benchmark proteins with ESM-2 the way the official scripts do on CPU, with the reference implementation of
the parity fixtures (models/src/test/resources/*/scripts), times each end to end (tokenisation + forward + pooling,
checkpoint loading excluded) and writes the embeddings.

    /usr/bin/python3 bench/models/reference2.py WORK_DIR THREADS MODELS(comma list)

Protocol (official): scBERT predict.py and scFoundation get_embedding.py run one cell per forward; ESM-2
scripts/extract.py batches proteins sorted by length with toks_per_batch 4096. Prints one line per model:
model, items, wall seconds, items/s, process CPU seconds. Writes WORK_DIR/<model>_python.npy.
"""
import sys
import time
from pathlib import Path

import anndata as ad
import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "models/src/test/resources"
for d in ("scbert", "scfoundation", "esm2"):
    sys.path.insert(0, str(RES / d / "scripts"))
import performer_ref as P  # noqa: E402,F401
import make_scbert_fixtures as SB  # noqa: E402
import make_scfoundation_fixtures as SF  # noqa: E402
import make_esm2_fixtures as E  # noqa: E402


def scbert(work, cells):
    SB.DIM, SB.DEPTH, SB.HEADS, SB.DIM_HEAD = 200, 6, 10, 64
    genes = (work / "scbert/genes.txt").read_text().split()
    model = SB.PerformerLM(len(genes), torch.Generator().manual_seed(0))
    model.load_state_dict(torch.load(work / "scbert/panglao_pretrain.pth")["model_state_dict"])
    model.eval()
    t = time.perf_counter()
    _, _, tokens = SB.align_and_bin(cells, genes)
    rows = []
    with torch.no_grad():
        for i in range(tokens.shape[0]):
            rows.append(model.encode(tokens[i:i + 1])[0].mean(dim=0))
    return time.perf_counter() - t, torch.stack(rows).numpy()


def scfoundation(work, cells):
    SF.ENC.update(hidden_dim=768, depth=12, heads=12, dim_head=64)
    SF.DEC.update(hidden_dim=512, depth=6, heads=8, dim_head=64)
    SF.BIN_NUM = 100
    genes = [l.split("\t")[0] for l in
             (ROOT / "models/src/main/resources/org/scjava/models/scfoundation/OS_scRNA_gene_index.19264.tsv")
             .read_text().splitlines()[1:]]
    entry = torch.load(work / "scfoundation/models.ckpt")["cell"]
    model = SF.MaeAutobin(len(genes) + 2, torch.Generator().manual_seed(0))
    model.load_state_dict({k.split("model.")[1]: v for k, v in entry["state_dict"].items()})
    model.eval()
    t = time.perf_counter()
    _, aligned = SF.align(cells, genes)
    rows = []
    with torch.no_grad():
        for i in range(aligned.shape[0]):
            vals, ids, pad = SF.gather(SF.cell_values(aligned[i], "F", "t4"), SF.PAD_ID)
            enc = model.encode(vals.unsqueeze(0), ids.unsqueeze(0), pad.unsqueeze(0))[1][0]
            rows.append(SF.pool(enc, "all"))
    return time.perf_counter() - t, torch.stack(rows).numpy()


def read_fasta(path):
    labels, seqs = [], []
    for line in open(path):
        if line.startswith(">"):
            labels.append(line[1:].strip())
            seqs.append("")
        else:
            seqs[-1] += line.strip()
    return labels, seqs


def esm2(work):
    E.LAYERS, E.DIM, E.HEADS = 6, 320, 20
    tok = E.alphabet()
    model = E.ESM2(tok)
    state = torch.load(work / "esm2/esm2_t6_8M_UR50D.pt")["model"]
    model.load_state_dict({k.replace("encoder.sentence_encoder.", "").replace("encoder.", ""): v for k, v in state.items()})
    model.eval()
    t = time.perf_counter()
    _, seqs = read_fasta(work / "esm2/proteins.fasta")
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))   # get_batch_indices: by length, 4096 tokens
    batches, cur, width = [], [], 0
    for i in order:
        n = len(seqs[i]) + 1
        if cur and max(n, width) * (len(cur) + 1) > 4096:
            batches.append(cur)
            cur, width = [], 0
        width = max(width, n)
        cur.append(i)
    batches.append(cur)
    out = np.zeros((len(seqs), E.DIM), np.float32)
    with torch.no_grad():
        for b in batches:
            last = model(E.batch_tokens([seqs[i] for i in b], tok, 1022))[-1]
            for j, i in enumerate(b):
                n = min(1022, len(seqs[i]))
                out[i] = last[j, 1:n + 1].mean(0).numpy()
    return time.perf_counter() - t, out


def main():
    work, threads, which = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(",")
    torch.set_num_threads(threads)
    cells = ad.read_h5ad(work / "cells.h5ad")
    for name in which:
        cpu = time.process_time()
        if name == "esm2":
            secs, emb = esm2(work)
        else:
            secs, emb = (scbert if name == "scbert" else scfoundation)(work, cells)
        cpu = time.process_time() - cpu
        np.save(work / f"{name}_python.npy", emb)
        print(f"{name}\t{emb.shape[0]}\t{secs:.3f}\t{emb.shape[0] / secs:.4f}\t{cpu:.3f}", flush=True)


if __name__ == "__main__":
    main()
