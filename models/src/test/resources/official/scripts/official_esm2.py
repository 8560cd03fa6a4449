#!/usr/bin/env python3
"""Runs OFFICIAL ESM-2 code -- facebookresearch/esm (esm.pretrained, esm.data, esm.model.esm2, scripts/extract.py)
and Hugging Face transformers' EsmModel -- on the committed ESM-2 fixture and writes the arrays scjava's parity
tests compare with (../esm2/) plus report.json. It also writes the same tiny model in the Hugging Face layout
(esm2/hf_tiny/: config.json and pytorch_model.bin by the official save_pretrained, model.safetensors written here
to the safetensors spec) so scjava's loader for HF ESM-2 directories is tested on official files.

  /usr/bin/python3 official_esm2.py --esm ESM_CHECKOUT --pyroot PYROOT

ESM_CHECKOUT holds esm/ and scripts/extract.py; PYROOT holds transformers/, huggingface_hub/, filelock/,
safetensors_src/.

fair-esm path, unchanged: scripts/extract.py run(args) (load_model_and_alphabet -> load_model_and_alphabet_local,
FastaBatchedDataset.from_file, get_batch_indices(toks_per_batch=4096), get_batch_converter(truncation_seq_length),
ESM2.forward(repr_layers), per_tok / mean / bos slicing). extract.py slices `1 : len(sequence string) + 1`, which
runs past <eos> for a record whose string holds the 6-character special token "<mask>" (record 7); for that case
mean_tokencount*.npy pool the official ESM2.forward representations over the token count (scjava's documented rule). load_model_and_alphabet_local insists on a co-located
`<name>-contact-regression.pt`; a zero-weight one is written next to a copy of the checkpoint (contacts are not
requested). HF path: EsmForMaskedLM(EsmConfig as transformers' convert_esm.py builds it), weights copied with
convert_esm.py's name mapping (the mapping is ours, written after that file), EsmModel forward with
attention_mask = tokens != <pad>.
"""
import argparse
import json
import struct
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import official_env as E  # noqa: E402

FIX = E.REPO_RESOURCES / "esm2"
OUT = E.REPO_RESOURCES / "official" / "esm2"
CKPT = "esm2_t2_16_tiny.pt"


def extract_run(extract, work, fasta, repr_layers, truncation, name):
    args = extract.create_parser().parse_args([
        str(work / CKPT), str(fasta), str(work / name), "--include", "mean", "per_tok", "bos",
        "--repr_layers", *map(str, repr_layers), "--truncation_seq_length", str(truncation), "--nogpu"])
    extract.run(args)
    return {p.stem: torch.load(p) for p in (work / name).iterdir()}


def stacked(results, labels, key, layer, width):
    dim = next(iter(results.values()))["bos_representations"][layer].shape[-1]
    if key == "representations":
        out = np.zeros((len(labels), width, dim), np.float32)
        rows = []
        for i, label in enumerate(labels):
            t = results[label][key][layer].numpy()
            out[i, 1:1 + len(t)] = t          # at its token positions (row 0 = <cls>), as fixtures/expected
            rows.append(len(t))
        return out, rows
    return np.stack([results[label][key][layer].numpy() for label in labels]), None


def write_safetensors(path, tensors):
    """safetensors layout: u64 header length, JSON header (sorted names, F32, shape, offsets), raw data."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        data = tensors[name].detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def hf_model(esm_model, alphabet, transformers):
    from transformers.models.esm.modeling_esm import EsmForMaskedLM
    from transformers.models.esm.configuration_esm import EsmConfig
    layers, dim = esm_model.num_layers, esm_model.embed_dim
    config = EsmConfig(vocab_size=esm_model.embed_tokens.num_embeddings, mask_token_id=alphabet.mask_idx,
                       hidden_size=dim, num_hidden_layers=layers, num_attention_heads=esm_model.attention_heads,
                       intermediate_size=esm_model.layers[0].fc1.out_features, max_position_embeddings=1026,
                       layer_norm_eps=1e-5, attention_probs_dropout_prob=0.0, hidden_dropout_prob=0.0,
                       pad_token_id=alphabet.padding_idx, emb_layer_norm_before=False, token_dropout=True,
                       position_embedding_type="rotary", vocab_list=tuple(alphabet.all_toks))
    torch.manual_seed(0)                 # contact_head.regression keeps its (seeded) random init
    model = EsmForMaskedLM(config).eval()
    s, o = model.esm, esm_model
    with torch.no_grad():
        s.embeddings.word_embeddings.weight.copy_(o.embed_tokens.weight)
        s.encoder.emb_layer_norm_after.load_state_dict(o.emb_layer_norm_after.state_dict())
        for hl, ol in zip(s.encoder.layer, o.layers):
            att = hl.attention
            for hf_name, esm_name in [("query", "q_proj"), ("key", "k_proj"), ("value", "v_proj")]:
                getattr(att.self, hf_name).load_state_dict(getattr(ol.self_attn, esm_name).state_dict())
            att.self.rotary_embeddings.inv_freq.copy_(ol.self_attn.rot_emb.inv_freq)
            att.LayerNorm.load_state_dict(ol.self_attn_layer_norm.state_dict())
            hl.LayerNorm.load_state_dict(ol.final_layer_norm.state_dict())
            att.output.dense.load_state_dict(ol.self_attn.out_proj.state_dict())
            hl.intermediate.dense.load_state_dict(ol.fc1.state_dict())
            hl.output.dense.load_state_dict(ol.fc2.state_dict())
        model.lm_head.dense.load_state_dict(o.lm_head.dense.state_dict())
        model.lm_head.layer_norm.load_state_dict(o.lm_head.layer_norm.state_dict())
        model.lm_head.decoder.weight.copy_(o.lm_head.weight)
        model.lm_head.bias.copy_(o.lm_head.bias)
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--esm", required=True)
    ap.add_argument("--pyroot", required=True)
    a = ap.parse_args()
    transformers = E.transformers(Path(a.pyroot).resolve())
    E.add_path(Path(a.esm).resolve())
    import esm
    sys.path.insert(0, str(Path(a.esm).resolve() / "scripts"))
    import extract
    OUT.mkdir(parents=True, exist_ok=True)
    X = FIX / "expected"
    fasta = FIX / "proteins.fasta"
    report = {"torch": torch.__version__, "transformers": transformers.__version__}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / CKPT).symlink_to(FIX / CKPT)
        model, alphabet = esm.pretrained.load_model_and_alphabet_core(
            "esm2", torch.load(FIX / CKPT, map_location="cpu"))
        width = model.num_layers * model.attention_heads
        torch.save({"model": {"contact_head.regression.weight": torch.zeros(1, width),
                              "contact_head.regression.bias": torch.zeros(1)}},
                   work / CKPT.replace(".pt", "-contact-regression.pt"))
        model, alphabet = esm.pretrained.load_model_and_alphabet(str(work / CKPT))
        model.eval()
        dataset = esm.FastaBatchedDataset.from_file(str(fasta))
        labels = list(dataset.sequence_labels)
        for suffix, truncation in [("", 1022), ("_trunc12", 12)]:
            _, strs, tokens = alphabet.get_batch_converter(truncation)(list(zip(labels, dataset.sequence_strs)))
            np.save(OUT / ("tokens%s.npy" % suffix), tokens.numpy())
            report["tokens%s_equal_refimpl" % suffix] = bool(np.array_equal(tokens.numpy(), np.load(X / ("tokens%s.npy" % suffix))))
            results = extract_run(extract, work, fasta, [-1], truncation, "last" + suffix)
            for key, name in [("representations", "per_tok"), ("mean_representations", "mean"),
                              ("bos_representations", "bos")]:
                arr, rows = stacked(results, labels, key, model.num_layers, tokens.shape[1])
                np.save(OUT / ("%s%s.npy" % (name, suffix)), arr)
                if rows:
                    report["per_tok%s_rows" % suffix] = rows
                ref = np.load(X / ("%s%s.npy" % (name, suffix)))
                report["%s%s_maxdiff_refimpl_records_without_mask" % (name, suffix)] = float(
                    np.abs(np.delete(arr, 6, 0) - np.delete(ref, 6, 0)).max())
            with torch.no_grad():
                full = model(tokens, repr_layers=list(range(model.num_layers + 1)))["representations"]
            lengths = (tokens != alphabet.padding_idx).sum(1) - 2
            last = full[model.num_layers]
            token_mean = np.stack([last[i, 1:1 + lengths[i]].mean(0).numpy() for i in range(len(labels))])
            np.save(OUT / ("mean_tokencount%s.npy" % suffix), token_mean)
            if suffix == "":
                np.save(OUT / "mean_tokencount_layer1.npy",
                        np.stack([full[1][i, 1:1 + lengths[i]].mean(0).numpy() for i in range(len(labels))]))
            report["mean_tokencount%s_maxdiff_refimpl" % suffix] = float(
                np.abs(token_mean - np.load(X / ("mean%s.npy" % suffix))).max())
            if suffix == "":
                np.save(OUT / "hidden_all_layers_seq0-1.npy",
                        torch.stack([full[l][:2] for l in range(model.num_layers + 1)], 1).numpy())
                ref = np.load(X / "hidden_all_layers_seq0-1.npy")
                got = np.load(OUT / "hidden_all_layers_seq0-1.npy")
                mask = np.zeros_like(got, bool)
                for i in range(2):
                    mask[i, :, :lengths[i] + 2] = True
                report["hidden_all_layers_maxdiff_refimpl"] = float(np.abs(np.where(mask, got - ref, 0)).max())
                layer1 = extract_run(extract, work, fasta, [1], truncation, "layer1")
                arr, _ = stacked(layer1, labels, "mean_representations", 1, tokens.shape[1])
                np.save(OUT / "mean_layer1.npy", arr)
                report["mean_layer1_maxdiff_refimpl_records_without_mask"] = float(
                    np.abs(np.delete(arr, 6, 0) - np.delete(np.load(X / "mean_layer1.npy"), 6, 0)).max())
                np.save(OUT / "embed_tokens.npy", model.embed_tokens.weight.detach().numpy())

                hf = hf_model(model, alphabet, transformers)
                with torch.no_grad():
                    out = hf.esm(input_ids=tokens, attention_mask=(tokens != alphabet.padding_idx).long(),
                                 output_hidden_states=True)
                hf_last = out.last_hidden_state.numpy()
                valid = (tokens != alphabet.padding_idx).numpy()[:, :, None]
                report["hf_vs_fair_esm_last_layer_maxdiff_nonpad"] = float(
                    np.abs(np.where(valid, hf_last - last.numpy(), 0)).max())
                np.save(OUT / "hf_last_hidden_state.npy", np.where(valid, hf_last, 0).astype(np.float32))
                hf_dir = FIX / "hf_tiny"
                hf_dir.mkdir(exist_ok=True)
                hf.save_pretrained(str(hf_dir), safe_serialization=False)
                write_safetensors(hf_dir / "model.safetensors", dict(hf.state_dict()))
                # vocab.txt as convert_esm.py writes it. (EsmTokenizer itself cannot be built without the Rust
                # `tokenizers` package: 4.46.3's fallback AddedToken dataclass is unhashable.)
                (hf_dir / "vocab.txt").write_text("\n".join(alphabet.all_toks))
                reload = type(hf).from_pretrained(str(hf_dir)).eval()
                with torch.no_grad():
                    again = reload.esm(input_ids=tokens, attention_mask=(tokens != alphabet.padding_idx).long())
                report["hf_reloaded_from_save_pretrained_maxdiff"] = float(
                    np.abs(again.last_hidden_state.numpy() - hf_last).max())
    report["shims"] = E.SHIMS
    json.dump(report, open(OUT / "report.json", "w"), indent=1, sort_keys=True)
    print(json.dumps(report, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
