"""Python/PyTorch reference for the model benchmark: embeds the fixed 64-cell PBMC sample with scGPT and Geneformer
the way the official packages do on CPU, times it, and writes cells/s and the embeddings.

    /usr/bin/python3 bench/models/reference.py WORK_DIR THREADS OUT.json [scgpt|geneformer|both]

Written for this benchmark from the official semantics (bowang-lab/scGPT scgpt/tasks/cell_emb.py embed_data,
data_collator.py, preprocess.binning, model.py; ctheodoris/Geneformer tokenizer.py and emb_extractor.py; HF
modeling_bert.py), with plain torch (Debian python3-torch 1.13, no flash-attn, no transformers):
  scGPT      batches of 64 cells in data order, padded to the batch's longest cell (max 1200 incl. <cls>), the
             encoder as the official fallback builds it (torch nn.TransformerEncoder, batch_first, eval, no_grad),
             <cls> of the last layer, L2-normalised. Cells longer than 1200 are sampled with torch.randperm as
             officially; tie bins take the upper end (numpy.digitize; one of the official random outcomes).
  Geneformer rank-value encoding, cells sorted by length (descending) as EmbExtractor does, forward batches of
             16 (EmbExtractor's default is 100; 16 pads less and needs less memory, which favours Python), HF BERT
             eager attention (scores, additive mask, softmax, matmul), hidden_states[num_layers - 1], mean over
             non-padding tokens (V1).
Tokenisation is inside the timed region on both sides; model loading is not. One untimed warm-up batch first, then
the best of BENCH_REPS (default 2) timed runs, on both sides.
"""
import json
import math
import os
import pickle
import sys
import time

import anndata
import numpy as np
import torch
import torch.nn.functional as F

work, threads, out_json = sys.argv[1], int(sys.argv[2]), sys.argv[3]
which = sys.argv[4] if len(sys.argv) > 4 else "both"
torch.set_num_threads(threads)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def gemm_gflops():
    """Best of 10 fp32 2048x2048 matmuls: (GFLOP per wall second, GFLOP per CPU second of this process)."""
    n, best, best_cpu = 2048, 0.0, 0.0
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(10):
        t, c = time.perf_counter(), time.process_time()
        a @ b
        best = max(best, 2 * n ** 3 / (time.perf_counter() - t) / 1e9)
        best_cpu = max(best_cpu, 2 * n ** 3 / max(time.process_time() - c, 1e-9) / 1e9)
    return best, best_cpu


def sample():
    adata = anndata.read_h5ad(os.path.join(ROOT, "data/pbmc4k_soupx_2170cells_counts.h5ad"))
    cells = [c for c in open(os.path.join(HERE, "pbmc64_cells.txt")).read().split()]
    sub = adata[cells]
    return sub.X.toarray().astype(np.float32), list(sub.var_names), list(sub.var["ensembl_id_annotables"])


# ----------------------------------------------------------------------------------------------- scGPT

class ScGpt(torch.nn.Module):
    def __init__(self, ntok, d, nhead, d_hid, nlayers):
        super().__init__()
        self.emb = torch.nn.Embedding(ntok, d)
        self.emb_norm = torch.nn.LayerNorm(d)
        self.v1, self.v2, self.v_norm = torch.nn.Linear(1, d), torch.nn.Linear(d, d), torch.nn.LayerNorm(d)
        layer = torch.nn.TransformerEncoderLayer(d, nhead, d_hid, 0.2, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, nlayers)

    def forward(self, ids, values, pad_mask):
        g = self.emb_norm(self.emb(ids))
        v = self.v_norm(self.v2(torch.relu(self.v1(torch.clamp(values, max=512).unsqueeze(-1)))))
        return self.encoder(g + v, src_key_padding_mask=pad_mask)


def load_scgpt():
    d = os.path.join(work, "scgpt")
    args = json.load(open(os.path.join(d, "args.json")))
    vocab = json.load(open(os.path.join(d, "vocab.json")))
    for s in (args["pad_token"], "<cls>", "<eoc>"):
        vocab.setdefault(s, max(vocab.values()) + 1)
    sd = torch.load(os.path.join(d, "best_model.pt"))
    m = ScGpt(max(vocab.values()) + 1, args["embsize"], args["nheads"], args["d_hid"], args["nlayers"])
    ren = {"encoder.embedding.weight": "emb.weight", "encoder.enc_norm.weight": "emb_norm.weight",
           "encoder.enc_norm.bias": "emb_norm.bias", "value_encoder.linear1.weight": "v1.weight",
           "value_encoder.linear1.bias": "v1.bias", "value_encoder.linear2.weight": "v2.weight",
           "value_encoder.linear2.bias": "v2.bias", "value_encoder.norm.weight": "v_norm.weight",
           "value_encoder.norm.bias": "v_norm.bias"}
    state = {}
    for k, v in sd.items():
        k = k.replace("self_attn.Wqkv.", "self_attn.in_proj_")
        if k in ren:
            state[ren[k]] = v
        elif k.startswith("transformer_encoder."):
            state["encoder." + k[len("transformer_encoder."):]] = v
    m.load_state_dict(state, strict=True)
    return m.eval(), vocab, args


def scgpt_bins(x):
    edges = np.quantile(x, np.linspace(0, 1, 50))
    return np.digitize(x, edges).astype(np.float32)


def scgpt_tokens(counts, genes, vocab, args, max_len=1200):
    col_ids = np.array([vocab.get(g, -1) for g in genes])
    keep = col_ids >= 0
    cells = []
    for row in counts:
        r = row[keep]
        nz = np.nonzero(r)[0]
        ids = np.concatenate([[vocab["<cls>"]], col_ids[keep][nz]])
        vals = np.concatenate([[args["pad_value"]], scgpt_bins(r[nz])]).astype(np.float32)
        if len(ids) > max_len:
            pick = torch.randperm(len(ids) - 1)[:max_len - 1].numpy() + 1
            ids, vals = np.concatenate([ids[:1], ids[pick]]), np.concatenate([vals[:1], vals[pick]])
        cells.append((ids, vals))
    return cells


def scgpt_embed(model, vocab, args, counts, genes, batch=64):
    cells = scgpt_tokens(counts, genes, vocab, args)
    out = []
    with torch.no_grad():
        for s in range(0, len(cells), batch):
            chunk = cells[s:s + batch]
            L = max(len(c[0]) for c in chunk)
            ids = torch.full((len(chunk), L), vocab[args["pad_token"]], dtype=torch.long)
            vals = torch.full((len(chunk), L), float(args["pad_value"]))
            for i, (gi, vi) in enumerate(chunk):
                ids[i, :len(gi)] = torch.from_numpy(gi)
                vals[i, :len(vi)] = torch.from_numpy(vi)
            h = model(ids, vals, ids.eq(vocab[args["pad_token"]]))
            out.append(h[:, 0, :].numpy())
    emb = np.concatenate(out)
    return emb / np.linalg.norm(emb, axis=1, keepdims=True), [len(c[0]) for c in cells]


# ----------------------------------------------------------------------------------------------- Geneformer

def load_geneformer():
    d = os.path.join(work, "geneformer")
    cfg = json.load(open(os.path.join(d, "config.json")))
    sd = {k: v for k, v in torch.load(os.path.join(d, "pytorch_model.bin")).items()}
    tokens = pickle.load(open(os.path.join(d, "token_dictionary.pkl"), "rb"))
    medians = pickle.load(open(os.path.join(d, "gene_median_dictionary.pkl"), "rb"))
    return cfg, sd, tokens, medians


def geneformer_tokens(counts, ensembl, tokens, medians, size):
    cols = {}
    for j, e in enumerate(ensembl):
        e = (e or "").upper()
        if e in medians and e in tokens:
            cols.setdefault(e, []).append(j)
    genes = sorted(cols.items(), key=lambda kv: kv[1][0])
    x = np.stack([counts[:, js].sum(axis=1) for _, js in genes], axis=1).astype(np.float64)
    med = np.array([medians[e] for e, _ in genes])
    tok = np.array([int(tokens[e]) for e, _ in genes])
    n_counts = counts.sum(axis=1, dtype=np.float64)
    cells = []
    for r in range(x.shape[0]):
        norm = x[r] / n_counts[r] * 10000 / med
        nz = np.nonzero(norm)[0]
        order = nz[np.argsort(-norm[nz], kind="stable")]
        cells.append(tok[order][:size])
    return cells


def bert_hidden(sd, cfg, ids, mask, upto):
    d, h = cfg["hidden_size"], cfg["num_attention_heads"]
    eps, p = cfg["layer_norm_eps"], "bert."
    B, L = ids.shape
    x = sd[p + "embeddings.word_embeddings.weight"][ids] + sd[p + "embeddings.position_embeddings.weight"][:L] \
        + sd[p + "embeddings.token_type_embeddings.weight"][0]
    x = F.layer_norm(x, (d,), sd[p + "embeddings.LayerNorm.weight"], sd[p + "embeddings.LayerNorm.bias"], eps)
    ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for i in range(cfg["num_hidden_layers"]):  # HF computes every layer even when an earlier one is wanted
        q = p + "encoder.layer.%d." % i

        def lin(t, n):
            return F.linear(t, sd[q + n + ".weight"], sd[q + n + ".bias"])

        def heads(t):
            return t.view(B, L, h, d // h).permute(0, 2, 1, 3)

        qs, ks, vs = heads(lin(x, "attention.self.query")), heads(lin(x, "attention.self.key")), heads(lin(x, "attention.self.value"))
        scores = torch.matmul(qs, ks.transpose(-1, -2)) / math.sqrt(d // h) + ext
        ctx = torch.matmul(torch.softmax(scores, dim=-1), vs).permute(0, 2, 1, 3).reshape(B, L, d)
        a = F.layer_norm(lin(ctx, "attention.output.dense") + x, (d,), sd[q + "attention.output.LayerNorm.weight"],
                         sd[q + "attention.output.LayerNorm.bias"], eps)
        x = F.layer_norm(lin(torch.relu(lin(a, "intermediate.dense")), "output.dense") + a, (d,),
                         sd[q + "output.LayerNorm.weight"], sd[q + "output.LayerNorm.bias"], eps)
        if i + 1 == upto:
            wanted = x
    return wanted


def geneformer_embed(cfg, sd, tokens, medians, counts, ensembl, batch=16):
    cells = geneformer_tokens(counts, ensembl, tokens, medians, cfg["max_position_embeddings"])
    order = sorted(range(len(cells)), key=lambda i: -len(cells[i]))
    emb = np.zeros((len(cells), cfg["hidden_size"]), dtype=np.float32)
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            L = max(len(cells[i]) for i in idx)
            ids = torch.zeros((len(idx), L), dtype=torch.long)
            mask = torch.zeros((len(idx), L), dtype=torch.long)
            for r, i in enumerate(idx):
                ids[r, :len(cells[i])] = torch.from_numpy(cells[i])
                mask[r, :len(cells[i])] = 1
            hs = bert_hidden(sd, cfg, ids, mask, cfg["num_hidden_layers"] - 1)
            m = mask.unsqueeze(-1).float()
            emb[idx] = ((hs * m).sum(1) / m.sum(1)).numpy()
    return emb, [len(c) for c in cells]


REPS = int(os.environ.get("BENCH_REPS", "2"))


def timed(fn):
    """Best wall time of REPS runs (the machine may be shared), with that run's CPU time."""
    best = None
    for _ in range(REPS):
        t, c = time.perf_counter(), time.process_time()
        res = fn()
        run = (res, time.perf_counter() - t, time.process_time() - c)
        best = run if best is None or run[1] < best[1] else best
    return best


counts, symbols, ensembl = sample()
result = json.load(open(out_json)) if os.path.exists(out_json) else {}
wall_rate, cpu_rate = gemm_gflops()
result.update({"threads": threads, "torch": torch.__version__, "gemm_gflops": wall_rate,
               "gemm_gflop_per_cpu_s": cpu_rate, "cells": counts.shape[0]})

if which in ("scgpt", "both"):
    torch.manual_seed(0)
    model, vocab, args = load_scgpt()
    scgpt_embed(model, vocab, args, counts[:2], symbols)  # warm-up
    (emb, lens), sec, cpu = timed(lambda: scgpt_embed(model, vocab, args, counts, symbols))
    np.save(os.path.join(work, "python_scgpt.npy"), emb)
    result["scgpt"] = {"seconds": sec, "cpu_seconds": cpu, "cells_per_s": counts.shape[0] / sec, "lengths": lens}
    print("python scGPT: %.3f cells/s (%.1f s wall, %.1f s CPU)" % (counts.shape[0] / sec, sec, cpu))
    del model

if which in ("geneformer", "both"):
    cfg, sd, tokens, medians = load_geneformer()
    geneformer_embed(cfg, sd, tokens, medians, counts[:2], ensembl)  # warm-up
    (emb, lens), sec, cpu = timed(lambda: geneformer_embed(cfg, sd, tokens, medians, counts, ensembl))
    np.save(os.path.join(work, "python_geneformer.npy"), emb)
    result["geneformer"] = {"seconds": sec, "cpu_seconds": cpu, "cells_per_s": counts.shape[0] / sec, "lengths": lens}
    print("python Geneformer: %.3f cells/s (%.1f s wall, %.1f s CPU)" % (counts.shape[0] / sec, sec, cpu))

json.dump(result, open(out_json, "w"), indent=1)
