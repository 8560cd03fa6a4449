"""Writes a small random-initialised scGPT checkpoint in the official layout for the FM plumbing check of
bench/annotation (random weights: the accuracy it gives says nothing about scGPT, only that the FM path runs).

    /usr/bin/python3 bench/annotation/make_random_scgpt.py OUT_DIR

OUT_DIR: args.json (data/scgpt/args.json with embsize 64, d_hid 64, nlayers 2, nheads 4, so the CPU run takes
seconds), vocab.json (the whole-human vocabulary, 60,697 genes, from data/scgpt) and best_model.pt (a state dict with
torch nn.TransformerEncoderLayer names; the loader also accepts the flash-attention names). Seeded; Debian
python3-torch.
"""
import collections
import json
import os
import shutil
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
args = json.load(open(os.path.join(ROOT, "data/scgpt/args.json")))
args.update({"embsize": 64, "d_hid": 64, "nlayers": 2, "nheads": 4})
json.dump(args, open(os.path.join(out, "args.json"), "w"), indent=1)
shutil.copy(os.path.join(ROOT, "data/scgpt/vocab.json"), out)
vocab = json.load(open(os.path.join(out, "vocab.json")))
ntok = max(vocab.values()) + 1 + sum(1 for s in ("<pad>", "<cls>", "<eoc>") if s not in vocab)
d, f = args["embsize"], args["d_hid"]
g = torch.Generator().manual_seed(7)
sd = collections.OrderedDict()


def put(name, *shape, scale=0.1, ones=False):
    t = torch.randn(*shape, generator=g) * scale
    sd[name] = t + 1 if ones else t


put("encoder.embedding.weight", ntok, d, scale=1.0)
for p in ("encoder.enc_norm", "value_encoder.norm"):
    put(p + ".weight", d, scale=0.01, ones=True)
    put(p + ".bias", d, scale=0.01)
put("value_encoder.linear1.weight", d, 1, scale=0.5)
put("value_encoder.linear1.bias", d)
put("value_encoder.linear2.weight", d, d)
put("value_encoder.linear2.bias", d)
for i in range(args["nlayers"]):
    p = "transformer_encoder.layers.%d." % i
    for name, shape in (("self_attn.in_proj_", (3 * d, d)), ("self_attn.out_proj.", (d, d)),
                        ("linear1.", (f, d)), ("linear2.", (d, f))):
        put(p + name + "weight", *shape)
        put(p + name + "bias", shape[0])
    for name in ("norm1.", "norm2."):
        put(p + name + "weight", d, scale=0.01, ones=True)
        put(p + name + "bias", d, scale=0.01)
torch.save(sd, os.path.join(out, "best_model.pt"))
