"""Writes random-initialised checkpoints at the real model sizes, in the official file layouts, for the benchmark.

    /usr/bin/python3 bench/models/make_models.py WORK_DIR

WORK_DIR/scgpt:       args.json + vocab.json (the whole-human files from data/scgpt) and best_model.pt: a state dict with
                      flash-attention names (Wqkv), 512 dim, 12 layers, 8 heads, d_hid 512, vocab 60,697.
WORK_DIR/geneformer:  Geneformer 30M (V1) layout: config.json (6 layers, 256 hidden, 4 heads, 512 intermediate,
                      2,048 positions, ReLU, vocab 25,426), pytorch_model.bin (BertForMaskedLM names),
                      token_dictionary.pkl and gene_median_dictionary.pkl (the real V1 dictionaries from data/geneformer).
Weights are random (seeded): speed does not depend on their values. Tool: Debian python3-torch 1.13.
"""
import collections
import json
import os
import shutil
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = sys.argv[1]
g = torch.Generator().manual_seed(2024)


def rnd(*shape, scale=0.02):
    return torch.randn(*shape, generator=g) * scale


def norm(d):
    return torch.ones(d) + rnd(d, scale=0.01), rnd(d, scale=0.01)


def scgpt():
    out = os.path.join(work, "scgpt")
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "data/scgpt/args.json"), out)
    shutil.copy(os.path.join(ROOT, "data/scgpt/vocab.json"), out)
    args = json.load(open(os.path.join(out, "args.json")))
    vocab = json.load(open(os.path.join(out, "vocab.json")))
    d, f, n = args["embsize"], args["d_hid"], args["nlayers"]
    ntok = max(vocab.values()) + 1
    for s in ("<pad>", "<cls>", "<eoc>"):
        if s not in vocab:
            ntok += 1
    sd = collections.OrderedDict()
    sd["encoder.embedding.weight"] = torch.rand(ntok, d, generator=g) * 0.2 - 0.1
    sd["encoder.enc_norm.weight"], sd["encoder.enc_norm.bias"] = norm(d)
    sd["value_encoder.linear1.weight"], sd["value_encoder.linear1.bias"] = rnd(d, 1, scale=0.5), rnd(d)
    sd["value_encoder.linear2.weight"], sd["value_encoder.linear2.bias"] = rnd(d, d, scale=0.05), rnd(d)
    sd["value_encoder.norm.weight"], sd["value_encoder.norm.bias"] = norm(d)
    for i in range(n):
        p = "transformer_encoder.layers.%d." % i
        sd[p + "self_attn.Wqkv.weight"], sd[p + "self_attn.Wqkv.bias"] = rnd(3 * d, d, scale=0.05), rnd(3 * d)
        sd[p + "self_attn.out_proj.weight"], sd[p + "self_attn.out_proj.bias"] = rnd(d, d, scale=0.05), rnd(d)
        sd[p + "linear1.weight"], sd[p + "linear1.bias"] = rnd(f, d, scale=0.05), rnd(f)
        sd[p + "linear2.weight"], sd[p + "linear2.bias"] = rnd(d, f, scale=0.05), rnd(d)
        sd[p + "norm1.weight"], sd[p + "norm1.bias"] = norm(d)
        sd[p + "norm2.weight"], sd[p + "norm2.bias"] = norm(d)
    sd["flag_encoder.weight"] = rnd(2, d)
    torch.save(sd, os.path.join(out, "best_model.pt"))


def geneformer():
    out = os.path.join(work, "geneformer")
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "data/geneformer/token_dictionary_30M.pkl"), os.path.join(out, "token_dictionary.pkl"))
    shutil.copy(os.path.join(ROOT, "data/geneformer/gene_median_dictionary_30M.pkl"),
                os.path.join(out, "gene_median_dictionary.pkl"))
    cfg = {"architectures": ["BertForMaskedLM"], "model_type": "bert", "hidden_act": "relu", "hidden_size": 256,
           "num_hidden_layers": 6, "num_attention_heads": 4, "intermediate_size": 512,
           "max_position_embeddings": 2048, "type_vocab_size": 2, "vocab_size": 25426, "layer_norm_eps": 1e-12,
           "pad_token_id": 0, "position_embedding_type": "absolute", "attention_probs_dropout_prob": 0.02,
           "hidden_dropout_prob": 0.02, "initializer_range": 0.02}
    json.dump(cfg, open(os.path.join(out, "config.json"), "w"), indent=2)
    d, f = cfg["hidden_size"], cfg["intermediate_size"]
    sd = collections.OrderedDict()
    sd["bert.embeddings.word_embeddings.weight"] = rnd(cfg["vocab_size"], d)
    sd["bert.embeddings.position_embeddings.weight"] = rnd(cfg["max_position_embeddings"], d)
    sd["bert.embeddings.token_type_embeddings.weight"] = rnd(2, d)
    sd["bert.embeddings.LayerNorm.weight"], sd["bert.embeddings.LayerNorm.bias"] = norm(d)
    for i in range(cfg["num_hidden_layers"]):
        p = "bert.encoder.layer.%d." % i
        for m in ("query", "key", "value"):
            sd[p + "attention.self.%s.weight" % m], sd[p + "attention.self.%s.bias" % m] = rnd(d, d, scale=0.06), rnd(d)
        sd[p + "attention.output.dense.weight"], sd[p + "attention.output.dense.bias"] = rnd(d, d, scale=0.06), rnd(d)
        sd[p + "attention.output.LayerNorm.weight"], sd[p + "attention.output.LayerNorm.bias"] = norm(d)
        sd[p + "intermediate.dense.weight"], sd[p + "intermediate.dense.bias"] = rnd(f, d, scale=0.06), rnd(f)
        sd[p + "output.dense.weight"], sd[p + "output.dense.bias"] = rnd(d, f, scale=0.06), rnd(d)
        sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"] = norm(d)
    sd["cls.predictions.bias"] = rnd(cfg["vocab_size"])
    torch.save(sd, os.path.join(out, "pytorch_model.bin"))


scgpt()
geneformer()
print("wrote", work)
