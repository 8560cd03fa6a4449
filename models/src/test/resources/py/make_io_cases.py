"""Writes torch/pickle/safetensors files that exercise scjava's checkpoint readers (models/io tests).

Run by the tests as: /usr/bin/python3 make_io_cases.py OUT_DIR MARKER_FILE
Tool: Debian python3-torch (1.13) + python3-numpy. Every "evil" file, if unpickled by Python, would create
MARKER_FILE; the Java tests assert that it never appears.
"""
import collections
import json
import os
import pickle
import struct
import sys

import numpy as np
import torch

out, marker = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
g = torch.Generator().manual_seed(7)

# 1. old (non-zip) torch format, with two tensors sharing one storage
base = torch.randn(6, 4, generator=g)
legacy = collections.OrderedDict(a=base, b=base[2:4], c=torch.arange(5, dtype=torch.int64))
torch.save(legacy, os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)
np.save(os.path.join(out, "legacy_a.npy"), base.numpy())

# 2. half precision in a zip checkpoint, with float32 references
x = torch.randn(3, 5, generator=g)
half = {"x_bf16": x.to(torch.bfloat16), "x_f16": x.to(torch.float16),
        "ref_bf16": x.to(torch.bfloat16).float(), "ref_f16": x.to(torch.float16).float(),
        "x_f64": x.double(), "t": x.t()}  # t: a non-contiguous view
torch.save(half, os.path.join(out, "half.pt"))
np.save(os.path.join(out, "half_x.npy"), x.numpy())


# 3. safetensors with BF16/F16/F32, written per the spec
def write_safetensors(path, tensors):
    header, blobs, off = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        if t.dtype == torch.bfloat16:
            raw, dt = t.view(torch.int16).numpy().tobytes(), "BF16"
        else:
            raw = t.numpy().tobytes()
            dt = {torch.float16: "F16", torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


write_safetensors(os.path.join(out, "half.safetensors"),
                  {"x_bf16": x.to(torch.bfloat16), "x_f16": x.to(torch.float16), "x_f32": x})


# 4. malicious pickles: each would run a shell command or eval in Python
class Shell:
    def __reduce__(self):
        return (os.system, ("touch " + marker,))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch %s')" % marker,))


with open(os.path.join(out, "evil_os_system.pkl"), "wb") as f:
    pickle.dump({"<pad>": 0, "ENSG0001": Shell()}, f, protocol=2)
torch.save(collections.OrderedDict(w=torch.zeros(2), hook=Eval()), os.path.join(out, "evil_eval.pt"))

# 5. a whole pickled module instead of a state dict
torch.save(torch.nn.Linear(2, 2), os.path.join(out, "whole_module.pt"))
print("ok")
