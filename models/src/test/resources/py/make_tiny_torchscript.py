"""Generates torchscript/tiny_encoder.pt (+ genes.txt, expected_embedding.npy) for TorchScriptModelTest.

Tool: Debian python3-torch 1.13 + numpy. Run from models/src/test/resources:
    /usr/bin/python3 py/make_tiny_torchscript.py
The model is a user-style export: forward(x: [cells, genes] raw counts) -> [cells, 8] embedding, computed as
tanh(W log1p(x) + b). genes.txt lists its 11 input genes; the last one (NOT_A_GENE) is absent from the fixture data,
so the Java side must feed zeros for it. Expected values use the fixture counts (inputs/counts_dense_int32.npy).
Tolerance in the test: 1e-5.
"""
import numpy as np
import torch

torch.manual_seed(11)
genes = ["CD3E", "MS4A1", "CST3", "LYZ", "NKG7", "GNLY", "CD14", "FCGR3A", "IL7R", "CCR7", "NOT_A_GENE"]


class TinyEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(len(genes), 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.proj(torch.log1p(x)))


m = TinyEncoder().eval()
scripted = torch.jit.script(m)
scripted.save("torchscript/tiny_encoder.pt")
with open("torchscript/genes.txt", "w") as f:
    f.write("\n".join(genes) + "\n")

counts = np.load("fixtures/inputs/counts_dense_int32.npy").astype(np.float32)
symbols = [line.split("\t")[1] for line in open("fixtures/inputs/genes.tsv").read().splitlines()[1:]]
x = np.zeros((counts.shape[0], len(genes)), dtype=np.float32)
for j, g in enumerate(genes):
    if g in symbols:
        x[:, j] = counts[:, symbols.index(g)]
with torch.no_grad():
    y = scripted(torch.from_numpy(x)).numpy()
np.save("torchscript/expected_embedding.npy", y)
print("ok", y.shape, int((x > 0).sum()))
