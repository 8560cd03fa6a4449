"""Writes a random-initialised Geneformer V1-layout model with the REAL V1 dictionaries (25,426 tokens, gc30M medians)
for the perturbation / gene-program evaluation (bench/perturbation/run.sh).

    /usr/bin/python3 bench/perturbation/make_geneformer.py WORK_DIR

WORK_DIR/geneformer: config.json (4 layers, 128 hidden, 4 heads, 256 intermediate, 2,048 positions, ReLU),
pytorch_model.bin (BertForMaskedLM names, tied decoder), token_dictionary.pkl, gene_median_dictionary.pkl and
gene_name_id_dict.pkl copied from data/geneformer. The module layout and the seeded init come from the fixture
generator (models/src/test/resources/fixtures/scripts/make_fixtures.py), so this is the layout the parity tests pin.
No pretrained weights exist here: every model-based number of the evaluation is a plumbing check, not biology.
Tool: Debian python3-torch 1.13.
"""
import json
import shutil
import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "models/src/test/resources/fixtures/scripts"))
import make_fixtures as MF  # noqa: E402

HIDDEN, LAYERS, HEADS, INTER, MAXPOS, VOCAB = 128, 4, 4, 256, 2048, 25426

out = Path(sys.argv[1]) / "geneformer"
out.mkdir(parents=True, exist_ok=True)
for src, dst in (("token_dictionary_30M.pkl", "token_dictionary.pkl"),
                 ("gene_median_dictionary_30M.pkl", "gene_median_dictionary.pkl"),
                 ("gene_name_id_dict_30M.pkl", "gene_name_id_dict.pkl")):
    shutil.copy(ROOT / "data/geneformer" / src, out / dst)
cfg = {"architectures": ["BertForMaskedLM"], "hidden_act": "relu", "hidden_size": HIDDEN,
       "initializer_range": 0.02, "intermediate_size": INTER, "layer_norm_eps": 1e-12,
       "max_position_embeddings": MAXPOS, "model_type": "bert", "num_attention_heads": HEADS,
       "num_hidden_layers": LAYERS, "pad_token_id": 0, "position_embedding_type": "absolute",
       "type_vocab_size": 2, "vocab_size": VOCAB}
(out / "config.json").write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n")
MF.GF_HIDDEN, MF.GF_INTER, MF.GF_LAYERS, MF.GF_MAXPOS = HIDDEN, INTER, LAYERS, MAXPOS
m = MF.BertForMaskedLMLayout(VOCAB, persistent_pos=True)
MF.randomize(m, seed=8, emb_std=0.5, w_std=0.2)
with torch.no_grad():
    m.bert.embeddings.word_embeddings.weight[0].zero_()
m.tie()
torch.save(m.state_dict(), out / "pytorch_model.bin")
print("wrote", out)
