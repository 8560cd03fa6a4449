#!/usr/bin/env python3
"""Runs OFFICIAL Geneformer (ctheodoris/Geneformer) + Hugging Face transformers on the committed Geneformer fixtures
and writes the arrays scjava's parity tests compare with (../geneformer/), plus report.json (settings, shims and
max |diff| against the re-implementation arrays in fixtures/expected/).

  /usr/bin/python3 official_geneformer.py --geneformer GENEFORMER_CHECKOUT --pyroot PYROOT

GENEFORMER_CHECKOUT holds geneformer/ (ctheodoris/Geneformer); PYROOT holds transformers/ (src of
huggingface/transformers), huggingface_hub/ and filelock/. See ../README.md for the commits used.

Official path, unchanged: TranscriptomeTokenizer.tokenize_anndata + create_dataset (tokens), pu.load_model
("Pretrained" -> BertForMaskedLM.from_pretrained, eval, output_hidden_states), EmbExtractor.extract_embs (cell
embeddings), EmbExtractor.get_state_embs (goal state, exact_mean), InSilicoPerturber.perturb_data (delete and
overexpress CD3E, with and without cell_states_to_model). Rows are mapped back to obs order through a
`cell_index` obs column passed as a custom attribute / emb_label (official options).
"""
import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path

import anndata
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import official_env as E  # noqa: E402

RES = E.REPO_RESOURCES
FIX = RES / "fixtures"
OUT = RES / "official" / "geneformer"
CD3E = "ENSG00000198851"
# One cell per forward in the perturber: with several cells per batch the official V1 (no <cls>) overexpress path
# raises a size mismatch as soon as a batch mixes cells with and without the gene (remove_perturbed_indices_set keeps
# the padded width for a cell lacking it). Per-cell results do not depend on the batch (padded keys are masked).
ISP_BATCH = 1
STATES = {"state_key": "cell_type", "start_state": "T cell", "goal_state": "monocyte", "alt_states": []}


def tokenized_dataset(mods, version, work):
    """Official tokenizer on inputs/cells.h5ad (plus a cell_index obs column) -> dataset saved for load_from_disk."""
    adata = anndata.read_h5ad(FIX / "inputs/cells.h5ad")
    adata.obs["cell_index"] = np.arange(adata.n_obs)
    path = work / "cells.h5ad"
    adata.write_h5ad(path)
    tk = mods["tokenizer"].TranscriptomeTokenizer(
        custom_attr_name_dict={"cell_index": "cell_index", "cell_type": "cell_type"}, nproc=1,
        model_input_size=128, special_token=(version == "v2"), model_version=version.upper())
    tk.model_input_size = 128   # the fixture model's max_position_embeddings (V1 forces the real model's 2048)
    cells, meta, counts = tk.tokenize_anndata(path)
    dataset = tk.create_dataset(cells, meta, counts)
    dataset.save_to_disk(work / "cells.dataset")
    return dataset, work / "cells.dataset"


def obs_order(frame, n_cells, dims):
    out = np.zeros((n_cells, dims), np.float32)
    for row in range(len(frame)):
        out[int(frame["cell_index"].iloc[row])] = frame.iloc[row, :dims].to_numpy(np.float32)
    return out


def hidden_states(mods, model, dataset, cells):
    """All hidden states of cells (one padded minibatch, exactly as get_embs builds it)."""
    pu = mods["perturber_utils"]
    batch = dataset.select(cells)
    max_len = int(max(batch["length"]))
    batch.set_format(type="torch")
    ids = pu.pad_tensor_list(batch["input_ids"], max_len, 0, pu.get_model_input_size(model))
    with torch.no_grad():
        out = model(input_ids=ids.to("cuda"), attention_mask=pu.gen_attention_mask(batch))
    states = torch.stack(out.hidden_states).numpy().copy()
    for i, n in enumerate(batch["length"].tolist()):
        states[:, i, n:, :] = 0
    return states


def isp_scores(mods, version, model_dir, data_path, work, mode, states_dict):
    emb_mode = "cls" if version == "v2" else "cell"
    result = {}
    for with_states in [False, True]:
        isp = mods["in_silico_perturber"].InSilicoPerturber(
            perturb_type=mode, genes_to_perturb=[CD3E], emb_mode=emb_mode, max_ncells=None, emb_layer=-1,
            forward_batch_size=ISP_BATCH, nproc=1, model_version=version.upper(),
            cell_states_to_model=STATES if with_states else None,
            state_embs_dict=states_dict if with_states else None)
        out = work / ("isp_%s_%s_%d" % (version, mode, with_states))
        out.mkdir()
        isp.perturb_data(str(model_dir), str(data_path), str(out), "fx")
        raw = [p for p in out.iterdir() if p.name.endswith("_raw.pickle") and "cell_embs" in p.name]
        cos = pickle.load(open(raw[0], "rb"))
        order = isp.apply_additional_filters(mods["perturber_utils"].load_and_filter(None, 1, str(data_path)))
        index = [int(i) for i in order["cell_index"]]
        token = isp.tokens_to_perturb[0]
        if with_states:
            values = cos["monocyte"][(token, "cell_emb")]
            key = "goal_shift"
        else:
            values = cos[(token, "cell_emb")]
            key = "cos_sim"
        assert len(values) == len(index)
        for c, v in zip(index, values):
            result.setdefault(c, {})[key] = float(v)
    return result


def run_version(mods, version, work, report):
    model_dir = FIX / "geneformer" / version
    pu, ee = mods["perturber_utils"], mods["emb_extractor"]
    dataset, data_path = tokenized_dataset(mods, version, work)
    n = len(dataset)
    lengths = np.array(dataset["length"], np.int64)
    ids = np.zeros((n, lengths.max()), np.int64)
    for c in range(n):
        ids[c, :lengths[c]] = dataset[c]["input_ids"]
    order = np.array(dataset["cell_index"])
    assert (order == np.arange(n)).all()
    np.save(OUT / (version + "_input_ids.npy"), ids)
    np.save(OUT / (version + "_lengths.npy"), lengths)
    ref_ids = np.load(FIX / ("expected/geneformer_%s_input_ids.npy" % version))
    report[version + "_input_ids_equal_refimpl"] = bool(np.array_equal(ids, ref_ids))

    model = pu.load_model("Pretrained", 0, str(model_dir), mode="eval")
    report[version + "_layers"] = pu.quant_layers(model)
    hs = hidden_states(mods, model, dataset, [0, 1, 2, 3])
    np.save(OUT / (version + "_hidden_states_cells0-3.npy"), hs)
    ref = np.load(FIX / ("expected/geneformer_%s_hidden_states_cells0-3.npy" % version))
    report[version + "_hidden_states_maxdiff_refimpl"] = float(np.abs(hs[:, :, :ref.shape[2]] - ref).max())
    words = model.bert.embeddings.word_embeddings.weight.detach().numpy()
    np.save(OUT / (version + "_word_embeddings.npy"), words)

    modes = [("cls", -1), ("cls", 0), ("cell", -1)] if version == "v2" else [("cell", -1), ("cell", 0)]
    refs = {("v2", "cls", -1): "cls", ("v2", "cls", 0): "cls_lastlayer", ("v2", "cell", -1): "mean",
            ("v1", "cell", -1): "mean", ("v1", "cell", 0): "mean_lastlayer"}
    for emb_mode, layer in modes:
        ex = ee.EmbExtractor(model_type="Pretrained", emb_mode=emb_mode, max_ncells=None, emb_layer=layer,
                             emb_label=["cell_index"], forward_batch_size=100, nproc=1,
                             model_version=version.upper())
        frame = ex.extract_embs(str(model_dir), str(data_path), str(work), "emb_%s_%s_%d" % (version, emb_mode, -layer))
        emb = obs_order(frame, n, 32)
        name = "%s_cell_emb_%s_layer%d.npy" % (version, emb_mode, layer)
        np.save(OUT / name, emb)
        ref = np.load(FIX / ("expected/geneformer_%s_cell_emb_%s.npy" % (version, refs[(version, emb_mode, layer)])))
        report[name + "_maxdiff_refimpl"] = float(np.abs(emb - ref).max())

    ex = ee.EmbExtractor(model_type="Pretrained", emb_mode="cls" if version == "v2" else "cell", max_ncells=None,
                         emb_layer=-1, summary_stat="exact_mean", forward_batch_size=100, nproc=1,
                         model_version=version.upper())
    states = ex.get_state_embs(STATES, str(model_dir), str(data_path), str(work), "state_" + version)
    goal = states["monocyte"].numpy().astype(np.float32)
    np.save(OUT / (version + "_goal_state_emb.npy"), goal)
    ref = np.load(FIX / ("expected/geneformer_%s_goal_state_emb.npy" % version))
    report[version + "_goal_state_emb_maxdiff_refimpl"] = float(np.abs(goal - ref).max())

    names = list(anndata.read_h5ad(FIX / "inputs/cells.h5ad").obs_names)
    isp = {}
    for mode in ["delete", "overexpress"]:
        scores = isp_scores(mods, version, model_dir, data_path, work, mode, states)
        isp[mode] = [dict(cell=names[c], **scores[c]) for c in sorted(scores)]
    json.dump(isp, open(OUT / (version + "_isp.json"), "w"), indent=1)
    report[version + "_isp_cells"] = {m: len(isp[m]) for m in isp}
    fixture = json.load(open(FIX / "expected/geneformer_isp.json"))[version]
    key = "cos_sim_original_vs_perturbed" if version == "v2" else "mean_gene_cos_sim"
    diffs = []
    for mode in ["delete", "overexpress"]:
        got = {r["cell"]: r for r in isp[mode]}
        for r in fixture[mode]:
            diffs.append(abs(got[r["cell"]]["cos_sim"] - r[key]))
            diffs.append(abs(got[r["cell"]]["goal_shift"] - r["goal_shift"]))
    report[version + "_isp_maxdiff_refimpl"] = float(max(diffs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--geneformer", required=True)
    ap.add_argument("--pyroot", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    transformers = E.transformers(a.pyroot)
    OUT.mkdir(parents=True, exist_ok=True)
    report = {"transformers": transformers.__version__, "torch": torch.__version__}
    for version in ["v2", "v1"]:
        d = FIX / "geneformer" / version
        mods = E.geneformer(a.geneformer, {
            "TOKEN_DICTIONARY_FILE": d / "token_dictionary.pkl", "GENE_MEDIAN_FILE": d / "gene_median_dictionary.pkl",
            "ENSEMBL_MAPPING_FILE": d / "ensembl_mapping_dict.pkl",
            "TOKEN_DICTIONARY_FILE_30M": d / "token_dictionary.pkl",
            "GENE_MEDIAN_FILE_30M": d / "gene_median_dictionary.pkl",
            "ENSEMBL_MAPPING_FILE_30M": d / "ensembl_mapping_dict.pkl"})
        with tempfile.TemporaryDirectory() as work:
            run_version(mods, version, Path(work), report)
        for name in list(sys.modules):
            if name == "geneformer" or name.startswith("geneformer."):
                del sys.modules[name]
    report["shims"] = E.SHIMS
    json.dump(report, open(OUT / "report.json", "w"), indent=1, sort_keys=True)
    print(json.dumps(report, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
