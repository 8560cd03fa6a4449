"""Writes the hostile-input corpus: mutated copies of real files and hand-made malicious ones.

Usage: python3 make_corpus.py data|models REPO_ROOT OUT_DIR

Deterministic (fixed seeds), so every run writes the same files; nothing is committed but this script. Categories
are folders under OUT_DIR; HostileCorpusTest (dsl) and HostileCheckpointCorpusTest (models) read every file of every
category and assert the hostile-input contract: a documented exception naming the file (or a successful read), never
a raw runtime exception, a hang, an OutOfMemoryError or a StackOverflowError. Needs python3-h5py and python3-numpy.
Sources (real files bundled in the repository):
  data:   data/mouse_stomach_mca_subset_counts.h5ad (anndata), scanpy's 10x files under
          dsl/src/test/resources/interop/scanpy10x (see its MANIFEST.tsv)
  models: notebooks/models/scgpt-tiny (torch zip checkpoint, vocab.json, args.json),
          notebooks/models/geneformer-tiny (safetensors, token/median dictionaries, config.json)
"""
import gzip
import json
import os
import pickle
import random
import shutil
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import h5py
import numpy as np


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def truncations(src, out, name, n=8):
    data = src.read_bytes()
    for i in range(n):
        keep = [7, 100, 2048][i] if i < 3 else len(data) * i // n
        write(out / f"{name}.cut{keep}{src.suffix}", data[:keep])


def flips(src, out, name, rng, n=20, start=0):
    data = src.read_bytes()
    for i in range(n):
        b = bytearray(data)
        for _ in range(rng.choice([1, 4, 16, 64])):
            b[rng.randrange(start, len(b))] ^= 1 << rng.randrange(8)
        write(out / f"{name}.flip{i}{src.suffix}", bytes(b))


# ---------------------------------------------------------------------------------------------------- data files

def h5ad_structural(base, out):
    """Links, cycles, nesting, lying shapes and decompression bombs written with h5py into copies of a real h5ad."""
    def variant(name, edit):
        p = out / f"{name}.h5ad"
        shutil.copy(base, p)
        with h5py.File(p, "a") as f:
            edit(f)

    variant("cycle_hard", lambda f: f["uns"].__setitem__("loop", f["uns"]))
    variant("cycle_root", lambda f: f["uns"].__setitem__("root", f["/"]))
    variant("cycle_soft_self", lambda f: f["uns"].__setitem__("s", h5py.SoftLink("/uns/s")))

    def soft_pair(f):
        f.create_group("uns/a")
        f.create_group("uns/b")
        f["uns/a/l"] = h5py.SoftLink("/uns/b")
        f["uns/b/l"] = h5py.SoftLink("/uns/a")
    variant("cycle_soft_pair", soft_pair)
    variant("soft_broken", lambda f: f["uns"].__setitem__("s", h5py.SoftLink("/nowhere/at/all")))
    variant("external_link", lambda f: f["uns"].__setitem__("e", h5py.ExternalLink("/etc/passwd", "/x")))
    variant("x_soft_link", lambda f: (f.move("X", "X_real"), f.__setitem__("X", h5py.SoftLink("/X_real"))))

    def deep(f):
        g = f["uns"]
        for _ in range(300):
            g = g.create_group("d")
    variant("deep_nesting", deep)

    def replace(path, **kw):
        def edit(f):
            attrs = dict(f[path].attrs)
            del f[path]
            d = f.create_dataset(path, **kw)
            for k, v in attrs.items():
                d.attrs[k] = v
        return edit
    x = "X" if isinstance(h5py.File(base, "r")["X"], h5py.Group) else None
    assert x, "the source h5ad has a sparse X"
    variant("indptr_2e31_chunked", replace("X/indptr", shape=(2**31,), dtype="i8", chunks=(1 << 20,), compression="gzip"))
    variant("indptr_2e31_contiguous", replace("X/indptr", shape=(2**31,), dtype="i8"))
    variant("data_2e40", replace("X/data", shape=(2**40,), dtype="f4", chunks=(1 << 16,), compression="gzip"))
    variant("chunk_4gib", replace("X/data", shape=(2**30,), dtype="f4", chunks=(2**30 - 1,)))
    variant("shape_attr_huge", lambda f: f["X"].attrs.__setitem__("shape", np.array([2**40, 2**40], dtype="i8")))
    variant("shape_attr_negative", lambda f: f["X"].attrs.__setitem__("shape", np.array([-5, 3], dtype="i8")))
    variant("shape_attr_1d", lambda f: f["X"].attrs.__setitem__("shape", np.array([7], dtype="i8")))
    n = h5py.File(base, "r")["X/indices"].shape[0]
    variant("indices_out_of_range", replace("X/indices", data=np.full(n, 2**30, dtype="i4")))
    variant("indptr_decreasing", lambda f: f["X/indptr"].__setitem__(slice(None), f["X/indptr"][()][::-1]))
    variant("x_is_string", replace("X/data", data=np.array([b"a"] * n)))

    def bomb(path, shape, chunks, inflated):
        def edit(f):
            attrs = dict(f[path].attrs) if path in f else {}
            if path in f:
                del f[path]
            d = f.create_dataset(path, shape=shape, dtype="f4", chunks=chunks, compression="gzip")
            for k, v in attrs.items():
                d.attrs[k] = v
            d.id.write_direct_chunk((0,) * len(shape), zlib.compress(b"\0" * inflated, 9))
        return edit
    variant("gzip_bomb_1d", bomb("X/data", (n,), (min(n, 1024),), 256 << 20))
    variant("gzip_bomb_2d", bomb("obsm/X_bomb", (64, 8), (64, 8), 256 << 20))
    variant("gzip_short_chunk", bomb("X/data", (n,), (min(n, 1024),), 16))


def mtx_cases(out, tenx_dir):
    def mtx(name, text, gz=False):
        data = text.encode()
        write(out / (name + (".mtx.gz" if gz else ".mtx")), gzip.compress(data) if gz else data)
    head = "%%MatrixMarket matrix coordinate integer general\n"
    mtx("entries_2e9", head + "10 10 2000000000\n1 1 1\n")
    mtx("entries_1e9", head + "10 10 1000000000\n1 1 1\n")
    mtx("entries_9e18", head + "10 10 9000000000000000000\n1 1 1\n")
    mtx("rows_huge", head + "2147483647 2147483647 1\n1 1 1\n")
    mtx("rows_negative", head + "-3 10 1\n1 1 1\n")
    mtx("rows_text", head + "ten 10 1\n1 1 1\n")
    mtx("index_overflow", head + "10 10 1\n99999999999999999999999 1 1\n")
    mtx("index_zero", head + "10 10 1\n0 1 1\n")
    mtx("value_text", head + "10 10 1\n1 1 abc\n")
    mtx("value_long", head + "10 10 1\n1 1 " + "9" * 5000 + "\n")
    mtx("truncated", head + "10 10 5\n1 1 1\n2 2 2\n")
    mtx("no_size", head)
    mtx("banner_only_array", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n")
    mtx("huge_comment", head + "%" + "x" * (3 << 20) + "\n10 10 1\n1 1 1\n")
    write(out / "padding_bomb.mtx.gz", gzip.compress((head + "10 10 2\n1 1 1\n").encode() + b" \n" * (64 << 20), 9))
    mtx("duplicates_ok", head + "3 3 3\n1 1 1\n1 1 2\n2 3 4\n")
    # 10x directories
    d = out / "tenx_rows_mismatch"
    shutil.copytree(tenx_dir, d)
    with gzip.open(d / "features.tsv.gz", "wt") as f:
        f.write("ENSG1\tA\tGene Expression\n")
    d = out / "tenx_huge_line"
    shutil.copytree(tenx_dir, d)
    with gzip.open(d / "barcodes.tsv.gz", "wb") as f:
        f.write(b"A" * (4 << 20))
    d = out / "tenx_no_matrix"
    shutil.copytree(tenx_dir, d)
    (d / "matrix.mtx.gz").unlink()


def tenx_h5_structural(src, out):
    def variant(name, edit):
        p = out / f"{name}.h5"
        shutil.copy(src, p)
        with h5py.File(p, "a") as f:
            edit(f)
    variant("shape_lies", lambda f: f["matrix/shape"].__setitem__(slice(None), np.array([10**9, 10**9])))

    def big_indptr(f):
        del f["matrix/indptr"]
        f.create_dataset("matrix/indptr", shape=(2**33,), dtype="i8", chunks=(1 << 20,), compression="gzip")
    variant("indptr_2e33", big_indptr)
    variant("matrix_loop", lambda f: f["matrix"].__setitem__("loop", f["matrix"]))
    variant("no_features", lambda f: f.__delitem__("matrix/features"))

    def legacy_two(f):
        for k in list(f.keys()):
            del f[k]
        for g in ["hg19", "mm10"]:
            grp = f.create_group(g)
            for k in ["barcodes", "genes", "gene_names", "data", "indices", "indptr", "shape"]:
                grp[k] = np.array([b"x"]) if k in ("barcodes", "genes", "gene_names") else np.array([0, 1])
    variant("legacy_two_genomes", legacy_two)


def make_data(repo, out):
    rng = random.Random(15)
    h5ad = repo / "data" / "mouse_stomach_mca_subset_counts.h5ad"
    tenx = repo / "dsl/src/test/resources/interop/scanpy10x/10x_data/3.0.0"
    truncations(h5ad, out / "h5ad", "stomach")
    flips(h5ad, out / "h5ad", "stomach", rng, n=40, start=512)
    h5ad_structural(h5ad, out / "h5ad")
    (out / "h5ad" / "directory.h5ad").mkdir()
    os.mkfifo(out / "h5ad" / "fifo.h5ad")
    truncations(tenx / "filtered_feature_bc_matrix.h5", out / "tenx_h5", "tenx_v3", n=6)
    flips(tenx / "filtered_feature_bc_matrix.h5", out / "tenx_h5", "tenx_v3", rng, n=20, start=512)
    tenx_h5_structural(tenx / "filtered_feature_bc_matrix.h5", out / "tenx_h5")
    mtx_cases(out / "mtx", tenx / "filtered_feature_bc_matrix")
    flips(tenx / "filtered_feature_bc_matrix" / "matrix.mtx.gz", out / "mtx", "matrix_gz", rng, n=10, start=20)
    os.mkfifo(out / "mtx" / "fifo.mtx")


# ---------------------------------------------------------------------------------------------------- model files

class P:
    """A tiny pickle assembler (protocol 2 opcodes), for pickles no Python object would produce."""

    def __init__(self):
        self.b = bytearray(b"\x80\x02")

    def op(self, code, payload=b""):
        self.b += code + payload
        return self

    def glob(self, module, name):
        return self.op(b"c", f"{module}\n{name}\n".encode())

    def uni(self, s):
        e = s.encode()
        return self.op(b"X", struct.pack("<I", len(e)) + e)

    def int(self, v):
        return self.op(b"J", struct.pack("<i", v)) if -2**31 <= v < 2**31 else self.op(b"\x8a", self._long(v))

    @staticmethod
    def _long(v):
        n = (v.bit_length() + 8) // 8
        return bytes([n]) + v.to_bytes(n, "little", signed=True)

    def tuple_of(self, items):
        self.op(b"(")
        for it in items:
            self.int(it) if isinstance(it, int) else self.uni(it)
        return self.op(b"t")

    def done(self):
        return bytes(self.b + b".")


def tensor_pickle(numel, offset, size, stride, storage="FloatStorage", size_float=False):
    p = P().op(b"}").uni("w")
    p.glob("torch._utils", "_rebuild_tensor_v2").op(b"(")
    p.op(b"(").uni("storage").glob("torch", storage).uni("0").uni("cpu").int(numel).op(b"t").op(b"Q")
    p.int(offset)
    if size_float:
        p.op(b"(").op(b"G", struct.pack(">d", 2.5)).op(b"t")
    else:
        p.tuple_of(size)
    p.tuple_of(stride).op(b"\x89").glob("collections", "OrderedDict").op(b")").op(b"R").op(b"t").op(b"R").op(b"s")
    return p.done()


def torch_zip(path, pkl, storages):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/data.pkl", pkl)
        z.writestr("archive/byteorder", "little")
        for k, v in storages.items():
            z.writestr(f"archive/data/{k}", v)
        z.writestr("archive/version", "3\n")


def malicious(out):
    cases = {
        "os_system_reduce": P().glob("os", "system").uni("echo pwned").op(b"\x85").op(b"R").done(),
        "posix_system": P().glob("posix", "system").uni("id").op(b"\x85").op(b"R").done(),
        "builtins_eval": P().glob("builtins", "eval").uni("1+1").op(b"\x85").op(b"R").done(),
        "builtins_exec": P().glob("__builtin__", "exec").uni("x=1").op(b"\x85").op(b"R").done(),
        "subprocess_popen": P().glob("subprocess", "Popen").op(b"(").uni("id").op(b"l").op(b"\x85").op(b"R").done(),
        "stack_global": P().uni("os").uni("system").op(b"\x93").uni("id").op(b"\x85").op(b"R").done(),
        "inst_opcode": P().op(b"(").uni("id").op(b"i", b"os\nsystem\n").done(),
        "obj_opcode": P().op(b"(").glob("os", "system").uni("id").op(b"o").done(),
        "ext1": P().op(b"\x82", b"\x01").done(),
        "newobj_main": P().glob("__main__", "Evil").op(b")").op(b"\x81").done(),
        "build_on_dict": P().op(b"}").op(b"}").op(b"b").done(),
        "getattr_chain": P().glob("builtins", "getattr").glob("os", "path").uni("join").op(b"\x86").op(b"R").done(),
    }
    for name, data in cases.items():
        write(out / f"{name}.pkl", data)
        torch_zip(out / f"{name}.pt", data, {})


def pickle_bombs(out):
    def put(name, data):
        write(out / f"{name}.pkl", data)
        torch_zip(out / f"{name}.pt", data, {})
    put("binunicode_2gb", P().op(b"X", struct.pack("<I", 2**31 - 1)).done())
    put("binunicode_4gb", P().op(b"X", struct.pack("<I", 2**32 - 1)).done())
    put("binbytes8_huge", P().op(b"\x8e", struct.pack("<Q", 2**62)).done())
    put("bytearray8_huge", P().op(b"\x96", struct.pack("<Q", 2**40)).done())
    put("binstring_negative", P().op(b"T", struct.pack("<i", -5)).done())
    put("long4_2gb", P().op(b"\x8b", struct.pack("<i", 2**31 - 1)).done())
    deep = P().op(b"]" * 200000).op(b"a" * 199999)
    put("nested_200k", deep.done())
    laughs = P().op(b"]").int(1).op(b"a").op(b"q\x00")
    for i in range(1, 64):
        laughs.op(b"]").op(b"h", bytes([i - 1])).op(b"a").op(b"h", bytes([i - 1])).op(b"a").op(b"q", bytes([i]))
    put("billion_laughs", P().op(b"}").uni("w").op(laughs.b[2:]).op(b"s").done())
    cyc = P().op(b"]").op(b"q\x00").op(b"h\x00").op(b"a")
    put("self_containing_list", P().op(b"}").uni("w").op(cyc.b[2:]).op(b"s").done())
    put("memo_get_missing", P().op(b"h\x07").done())
    put("stack_underflow", P().op(b"s").done())
    put("empty", b"")
    put("not_a_pickle", b"hello world")


def tensor_cases(out):
    f32 = b"\0" * 16
    cases = {
        "stride0_expand": (tensor_pickle(4, 0, [10**9], [0]), {"0": f32}),
        "negative_stride": (tensor_pickle(4, 0, [4], [-1]), {"0": f32}),
        "negative_size": (tensor_pickle(4, 0, [-4], [1]), {"0": f32}),
        "offset_past_storage": (tensor_pickle(4, 100, [4], [1]), {"0": f32}),
        "offset_negative": (tensor_pickle(4, -1, [4], [1]), {"0": f32}),
        "size_overflow": (tensor_pickle(4, 0, [2**62, 2**62], [1, 1]), {"0": f32}),
        "stride_overflow": (tensor_pickle(4, 0, [3], [2**62]), {"0": f32}),
        "size_past_storage": (tensor_pickle(4, 0, [100], [1]), {"0": f32}),
        "storage_numel_negative": (tensor_pickle(-4, 0, [4], [1]), {"0": f32}),
        "storage_numel_2e40": (tensor_pickle(2**40, 0, [4], [1]), {"0": f32}),
        "storage_missing": (tensor_pickle(4, 0, [4], [1]), {}),
        "storage_short": (tensor_pickle(4, 0, [4], [1]), {"0": b"\0" * 3}),
        "size_is_float": (tensor_pickle(4, 0, None, [1], size_float=True), {"0": f32}),
        "rank_mismatch": (tensor_pickle(4, 0, [2, 2], [1]), {"0": f32}),
        "zip_bomb_storage": (tensor_pickle(4, 0, [4], [1]), {"0": b"\0" * (256 << 20)}),
        "unknown_storage": (tensor_pickle(4, 0, [4], [1], storage="ComplexFloatStorage"), {"0": f32}),
        "valid_small": (tensor_pickle(4, 0, [2, 2], [2, 1]), {"0": f32}),
    }
    for name, (pkl, storages) in cases.items():
        torch_zip(out / f"{name}.pt", pkl, storages)
    # a legacy (torch < 1.6) stream whose storage declares 2^40 elements
    legacy = pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2) + pickle.dumps(1001, protocol=2) \
        + pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2)
    body = tensor_pickle(2**40, 0, [4], [1])
    legacy += body + pickle.dumps(["0"], protocol=2) + struct.pack("<q", 2**40)
    write(out / "legacy_storage_2e40.pt", legacy)
    write(out / "legacy_truncated.pt", legacy[:len(legacy) // 2])


def safetensors_file(header, data=b"", raw_len=None):
    h = header if isinstance(header, bytes) else json.dumps(header).encode()
    n = len(h) if raw_len is None else raw_len
    return struct.pack("<Q", n & (2**64 - 1)) + h + data


def safetensors_cases(out, src):
    t = lambda off, shape=(2,), dtype="F32": {"dtype": dtype, "shape": list(shape), "data_offsets": list(off)}
    d16 = b"\0" * 16
    cases = {
        "overlap": ({"a": t([0, 8]), "b": t([4, 12])}, b"\0" * 12),
        "gap": ({"a": t([0, 8]), "b": t([12, 20])}, b"\0" * 20),
        "trailing_bytes": ({"a": t([0, 8])}, d16),
        "fractional_offset": ({"a": t([0, 8.5], (2,))}, d16),
        "fractional_shape": ({"a": t([0, 8], (2.5,))}, d16),
        "negative_shape": ({"a": t([0, 8], (-2,))}, d16),
        "shape_overflow": ({"a": t([0, 8], (2**62, 2**62))}, d16),
        "offset_past_end": ({"a": t([0, 800])}, d16),
        "offset_reversed": ({"a": t([8, 0])}, d16),
        "unknown_dtype": ({"a": t([0, 8], dtype="C64")}, d16[:8]),
        "dtype_not_string": ({"a": {"dtype": [1], "shape": [2], "data_offsets": [0, 8]}}, d16[:8]),
        "entry_not_object": ({"a": [0, 8]}, d16[:8]),
        "offsets_not_pair": ({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0]}}, d16[:8]),
        "size_mismatch": ({"a": t([0, 12])}, b"\0" * 12),
        "header_not_object": ([1, 2, 3], b""),
        "valid": ({"a": t([0, 8])}, d16[:8]),
    }
    for name, (header, data) in cases.items():
        write(out / f"{name}.safetensors", safetensors_file(header, data))
    write(out / "header_len_huge.safetensors", safetensors_file(b"{}", b"", raw_len=2**62))
    write(out / "header_len_negative.safetensors", safetensors_file(b"{}", b"", raw_len=-1))
    write(out / "header_not_json.safetensors", safetensors_file(b"{not json!"))
    write(out / "header_deep.safetensors", safetensors_file(b"[" * 100000 + b"]" * 100000))
    write(out / "header_bad_utf8.safetensors", safetensors_file(b'{"\xff\xfe": 1}'))
    write(out / "tiny.safetensors", b"\x01\x02")
    rng = random.Random(16)
    truncations(src, out, "geneformer", n=6)
    flips(src, out, "geneformer_header", rng, n=15, start=8)


def dictionary_cases(out, token_dict, median_dict):
    rng = random.Random(17)
    bad = {
        "tokens_duplicate_ids": {"<pad>": 0, "<mask>": 1, "ENSG1": 2, "ENSG2": 2},
        "tokens_negative_id": {"<pad>": 0, "ENSG1": -3},
        "tokens_float_id": {"<pad>": 0, "ENSG1": 2.5},
        "tokens_huge_id": {"<pad>": 0, "ENSG1": 2**40},
        "tokens_id_2e31": {"<pad>": 0, "ENSG1": 2**31 - 1},
        "tokens_tuple_key": {"<pad>": 0, ("a", "b"): 1},
        "tokens_not_dict": [1, 2, 3],
    }
    for name, obj in bad.items():
        write(out / f"{name}.tokens.pkl", pickle.dumps(obj, protocol=4))
    for name, obj in {"medians_nan": {"ENSG1": float("nan")}, "medians_zero": {"ENSG1": 0.0},
                      "medians_negative": {"ENSG1": -1.0}, "medians_inf": {"ENSG1": float("inf")}}.items():
        write(out / f"{name}.medians.pkl", pickle.dumps(obj, protocol=4))
    for src, kind in [(token_dict, "tokens"), (median_dict, "medians")]:
        data = src.read_bytes()
        for i in range(10):
            b = bytearray(data)
            for _ in range(rng.choice([1, 4, 16])):
                b[rng.randrange(2, len(b))] ^= 1 << rng.randrange(8)
            write(out / f"{kind}_flip{i}.{kind}.pkl", bytes(b))
        for keep in [1, 2, 10, len(data) // 2, len(data) - 1]:
            write(out / f"{kind}_cut{keep}.{kind}.pkl", data[:keep])


def json_cases(out):
    vocab = {
        "dup_ids": '{"<pad>": 0, "A": 1, "B": 1}',
        "float_id": '{"<pad>": 0, "A": 1.5}',
        "negative_id": '{"<pad>": 0, "A": -1}',
        "huge_id": '{"<pad>": 0, "A": 1e12}',
        "null_id": '{"<pad>": 0, "A": null}',
        "nested_id": '{"<pad>": 0, "A": {"x": 1}}',
        "string_id": '{"<pad>": 0, "A": "one"}',
        "nan_id": '{"<pad>": 0, "A": NaN}',
        "dup_key": '{"<pad>": 0, "A": 1, "A": 2}',
        "not_object": "[1, 2, 3]",
        "empty_object": "{}",
        "empty_file": "",
        "deep": "[" * 100000 + "]" * 100000,
        "truncated": '{"<pad>": 0, "A": ',
    }
    for name, text in vocab.items():
        write(out / "vocab" / f"{name}.json", text.encode())
    base = {"model_type": "bert", "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
            "intermediate_size": 16, "hidden_act": "relu", "layer_norm_eps": 1e-12, "max_position_embeddings": 16,
            "vocab_size": 10, "type_vocab_size": 2, "embsize": 8, "nheads": 2, "d_hid": 16, "nlayers": 1}
    configs = {"eps_zero": {"layer_norm_eps": 0}, "eps_negative": {"layer_norm_eps": -1e-5},
               "hidden_zero": {"hidden_size": 0, "embsize": 0}, "hidden_negative": {"hidden_size": -8, "embsize": -8},
               "hidden_huge": {"hidden_size": 10**12, "embsize": 10**12},
               "hidden_fraction": {"hidden_size": 8.5, "embsize": 8.5},
               "heads_not_dividing": {"num_attention_heads": 3, "nheads": 3},
               "layers_string": {"num_hidden_layers": "one", "nlayers": "one"},
               "pad_value_huge": {"pad_value": 1e400}}
    for name, change in configs.items():
        write(out / "config" / f"{name}.json", json.dumps({**base, **change}).encode())
    write(out / "config" / "eps_nan.json", json.dumps(base).replace('"layer_norm_eps": 1e-12', '"layer_norm_eps": NaN')
          .encode())
    write(out / "config" / "valid.json", json.dumps(base).encode())
    write(out / "config" / "not_json.json", b"\x00\x01binary")
    (out / "config" / "directory.json").mkdir(parents=True)
    os.mkfifo(out / "config" / "fifo.json")


def npy_cases(out):
    def npy(name, header, data=b"", major=1, header_len=None):
        h = header.encode("latin1")
        n = len(h) if header_len is None else header_len
        size = struct.pack("<H", n & 0xffff) if major == 1 else struct.pack("<I", n & 0xffffffff)
        write(out / f"{name}.npy", b"\x93NUMPY" + bytes([major, 0]) + size + h + data)
    ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"
    npy("valid", ok, b"\0" * 8)
    npy("header_len_huge", ok, b"\0" * 8, major=2, header_len=2**31 - 1)
    npy("header_len_past_end", ok, b"", header_len=60000)
    npy("version_9", ok, b"\0" * 8, major=9)
    npy("shape_text", "{'descr': '<f4', 'fortran_order': False, 'shape': (two,), }", b"\0" * 8)
    npy("shape_negative", "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", b"\0" * 8)
    npy("shape_overflow", "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 8), }", b"")
    npy("data_short", "{'descr': '<f8', 'fortran_order': False, 'shape': (100,), }", b"\0" * 8)
    npy("descr_object", "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", b"\0" * 16)
    npy("no_header", "", b"")


def make_models(repo, out):
    scgpt = repo / "notebooks/models/scgpt-tiny"
    geneformer = repo / "notebooks/models/geneformer-tiny"
    rng = random.Random(18)
    malicious(out / "malicious")
    pickle_bombs(out / "pickle")
    tensor_cases(out / "torch")
    truncations(scgpt / "best_model.pt", out / "torch", "scgpt", n=6)
    flips(scgpt / "best_model.pt", out / "torch", "scgpt", rng, n=20, start=30)
    safetensors_cases(out / "safetensors", geneformer / "model.safetensors")
    dictionary_cases(out / "dictionaries", geneformer / "token_dictionary.pkl",
                     geneformer / "gene_median_dictionary.pkl")
    json_cases(out / "json")
    npy_cases(out / "npy")
    os.mkfifo(out / "npy" / "fifo.npy")
    os.mkfifo(out / "torch" / "fifo.pt")
    (out / "torch" / "directory.pt").mkdir()


if __name__ == "__main__":
    mode, repo, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (make_data if mode == "data" else make_models)(repo, out)
    counts = {d.name: len(list(d.iterdir())) for d in sorted(out.iterdir()) if d.is_dir()}
    print(json.dumps(counts))
