#!/usr/bin/env python3
"""Runs OFFICIAL scGPT (bowang-lab/scGPT) on the committed scGPT fixtures and writes the arrays scjava's parity
tests compare with (../scgpt/) plus report.json (settings, shims, max |diff| against fixtures/expected/).

  /usr/bin/python3 official_scgpt.py --scgpt SCGPT_CHECKOUT

Official path, unchanged: scgpt.tasks.cell_emb.embed_data(adata, model_dir, gene_col="feature_name",
max_length=1200, batch_size=64, device="cpu", use_fast_transformer=True) -> GeneVocab, TransformerModel,
load_pretrained, DataCollator(do_binning=True), TransformerModel._encode, <cls> row, L2 normalisation.

Random binning: the official `_digitize` draws np.random.rand to place values that equal several identical quantile
edges. Run 1 uses the real draws (tie-free cells 0-13 are deterministic and are compared). Run 2 replaces
numpy.random.rand by zeros while embed_data runs, which selects the rand->0 outcome (`np.digitize` left side, the
upper end of the allowed range) for every tie -- one of the official outcomes, the one scjava implements.
Intermediates are read with forward hooks on the official modules during run 2; the gene embeddings are the
official GeneEncoder (`model.encoder`) on every vocabulary id; perturbation cosines run the official `_encode` on
token lists edited with scjava's rule (value of CD3E set to bin 0 / bin 50, appended when absent).
"""
import argparse
import contextlib
import json
import sys
from pathlib import Path

import anndata
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import official_env as E  # noqa: E402

FIX = E.REPO_RESOURCES / "fixtures"
OUT = E.REPO_RESOURCES / "official" / "scgpt"
WIDTH = 36   # intermediates of cells 0-3 padded to this width, as fixtures/expected/scgpt_*_cells0-3.npy


@contextlib.contextmanager
def rand_zero():
    real = np.random.rand
    np.random.rand = lambda *shape: np.zeros(shape)
    try:
        yield
    finally:
        np.random.rand = real


class Capture:
    """Forward hooks on the official modules + the model instance embed_data builds."""

    def __init__(self, cell_emb):
        self.cell_emb = cell_emb
        self.model = None
        self.outputs = {}
        self.inputs = None
        real = cell_emb.get_batch_cell_embeddings

        def wrapped(*a, **k):
            model = k["model"]
            self.model = model
            self.vocab = k["vocab"]
            self.configs = k["model_configs"]
            hooks = [model.encoder.register_forward_hook(self.hook("gene_emb")),
                     model.value_encoder.register_forward_hook(self.hook("value_emb"))]
            for i, layer in enumerate(model.transformer_encoder.layers):
                hooks.append(layer.register_forward_hook(self.hook("layer%d_out" % (i + 1))))
            real_encode = model._encode

            def encode(src, values, src_key_padding_mask, batch_labels=None):
                self.inputs = (src.clone(), values.clone(), src_key_padding_mask.clone())
                out = real_encode(src, values, src_key_padding_mask, batch_labels)
                self.cls_raw = out[:, 0, :].detach().clone()
                return out

            model._encode = encode
            try:
                return real(*a, **k)
            finally:
                model._encode = real_encode
                for h in hooks:
                    h.remove()
        self.real = real
        cell_emb.get_batch_cell_embeddings = wrapped

    def hook(self, name):
        def record(module, args, output):
            # eval-mode nn.TransformerEncoder (torch >= 1.12) takes the "fast path": layers exchange nested tensors
            self.outputs[name] = (output.to_padded_tensor(0.0) if output.is_nested else output).detach().clone()
        return record

    def restore(self):
        self.cell_emb.get_batch_cell_embeddings = self.real


def padded(tensor, lengths):
    out = np.zeros((4, WIDTH, tensor.shape[-1]), np.float32)
    for c in range(4):
        out[c, :lengths[c]] = tensor[c, :lengths[c]].numpy()
    return out


def perturbation(model, vocab, configs, src, values, mask, token):
    """Official _encode on original vs edited lists, <cls> row, L2-normalised as get_batch_cell_embeddings."""
    pad_id, pad_value = vocab[configs["pad_token"]], configs["pad_value"]
    result = {"delete": {}, "overexpress": {}}
    for c in range(src.shape[0]):
        n = int((~mask[c]).sum())
        ids, vals = src[c, :n].clone(), values[c, :n].clone()
        where = (ids == token).nonzero().flatten().tolist()
        for mode, v in [("delete", 0.0), ("overexpress", 50.0)]:
            if mode == "delete" and not where:
                continue
            pi, pv = ids.clone(), vals.clone()
            if where:
                pv[where[0]] = v
            else:
                pi, pv = torch.cat([pi, torch.tensor([token])]), torch.cat([pv, torch.tensor([v])])
            m = max(n, len(pi))
            batch_ids = torch.full((2, m), pad_id, dtype=torch.long)
            batch_vals = torch.full((2, m), float(pad_value))
            batch_ids[0, :n], batch_vals[0, :n] = ids, vals
            batch_ids[1, :len(pi)], batch_vals[1, :len(pi)] = pi, pv
            with torch.no_grad():
                emb = model._encode(batch_ids, batch_vals, batch_ids.eq(pad_id))[:, 0, :].numpy()
            emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
            result[mode][c] = float(np.dot(emb[0], emb[1]) / (np.linalg.norm(emb[0]) * np.linalg.norm(emb[1])))
    return result


def draw_range(report, draws=500):
    """Smallest and largest bin the official random `binning` gives each token over `draws` draws (seeded)."""
    from scgpt.preprocess import binning
    X = FIX / "expected"
    raw, lengths = np.load(X / "scgpt_raw_values.npy"), np.load(X / "scgpt_lengths.npy")
    low = np.full(raw.shape, -2, np.int64)
    high = np.full(raw.shape, -2, np.int64)
    np.random.seed(0)
    for c in range(raw.shape[0]):
        x = raw[c, 1:lengths[c]].copy()
        bins = np.stack([binning(x.copy(), n_bins=51) for _ in range(draws)]).astype(np.int64)
        low[c, 1:lengths[c]], high[c, 1:lengths[c]] = bins.min(0), bins.max(0)
    np.save(OUT / "bin_draw_min.npy", low)
    np.save(OUT / "bin_draw_max.npy", high)
    report["binning_draws_per_cell"] = draws
    report["binning_draws_inside_refimpl_lo_hi"] = bool(
        (low >= np.load(X / "scgpt_bin_lo.npy")).all() and (high <= np.load(X / "scgpt_bin_hi.npy")).all())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scgpt", required=True)
    a = ap.parse_args()
    E.scgpt(a.scgpt)
    from scgpt.tasks import cell_emb
    OUT.mkdir(parents=True, exist_ok=True)
    X = FIX / "expected"
    tie_free = np.load(X / "scgpt_tie_free.npy")
    report = {"torch": torch.__version__, "settings": "embed_data(gene_col='feature_name', max_length=1200, "
              "batch_size=64, device='cpu', use_fast_transformer=True)"}
    names = list(anndata.read_h5ad(FIX / "inputs/cells.h5ad").obs_names)
    embs = {}
    for sub in ["whole_human_style", "torch_style"]:
        ad = anndata.read_h5ad(FIX / "inputs/cells.h5ad")
        np.random.seed(0)
        drawn = np.asarray(cell_emb.embed_data(ad, FIX / "scgpt" / sub, gene_col="feature_name", max_length=1200,
                                               batch_size=64, device="cpu", use_fast_transformer=True,
                                               return_new_adata=True).X)
        capture = Capture(cell_emb)
        with rand_zero():
            ad = anndata.read_h5ad(FIX / "inputs/cells.h5ad")
            emb = np.asarray(cell_emb.embed_data(ad, FIX / "scgpt" / sub, gene_col="feature_name", max_length=1200,
                                                 batch_size=64, device="cpu", use_fast_transformer=True,
                                                 return_new_adata=True).X)
        capture.restore()
        embs[sub] = emb
        report[sub + "_tie_free_random_draws_vs_rand0_maxdiff"] = float(np.abs(drawn - emb)[tie_free].max())
        report[sub + "_cell_emb_maxdiff_refimpl"] = float(np.abs(emb - np.load(X / "scgpt_cell_emb.npy")).max())
        src, values, mask = capture.inputs
        report[sub + "_gene_ids_equal_refimpl"] = bool(np.array_equal(src.numpy(), np.load(X / "scgpt_gene_ids.npy")))
        report[sub + "_values_equal_refimpl"] = bool(np.array_equal(values.numpy(), np.load(X / "scgpt_values.npy")))
        if sub != "whole_human_style":
            continue
        np.save(OUT / "cell_emb.npy", emb)
        np.save(OUT / "cell_emb_raw.npy", capture.cls_raw.numpy())
        np.save(OUT / "gene_ids.npy", src.numpy())
        np.save(OUT / "values.npy", values.numpy())
        lengths = (~mask).sum(1).numpy()
        o = capture.outputs
        inter = {"gene_emb": o["gene_emb"], "value_emb": o["value_emb"],
                 "input_emb": o["gene_emb"] + o["value_emb"], "layer1_out": o["layer1_out"],
                 "layer2_out": o["layer2_out"]}
        for name, t in inter.items():
            arr = padded(t, lengths)
            np.save(OUT / (name + "_cells0-3.npy"), arr)
            ref = np.load(X / ("scgpt_%s_cells0-3.npy" % name))
            report[name + "_maxdiff_refimpl"] = float(np.abs(arr - ref).max())
        model, vocab = capture.model, capture.vocab
        with torch.no_grad():
            genes = model.encoder(torch.arange(len(vocab)).unsqueeze(0))[0].numpy()
        np.save(OUT / "gene_embeddings.npy", genes)
        report["vocab_size"] = len(vocab)
        shifts = perturbation(model, vocab, capture.configs, src, values, mask, vocab["CD3E"])
        json.dump({m: [{"cell": names[c], "cos_sim": v} for c, v in sorted(shifts[m].items())] for m in shifts},
                  open(OUT / "perturb_cd3e.json", "w"), indent=1)
    draw_range(report)
    report["whole_human_vs_torch_style_maxdiff"] = float(np.abs(embs["whole_human_style"] - embs["torch_style"]).max())
    report["shims"] = E.SHIMS
    json.dump(report, open(OUT / "report.json", "w"), indent=1, sort_keys=True)
    print(json.dumps(report, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
