"""Import set-up for running OFFICIAL model code from checkouts that are NOT stored in this repository.

Every shim installed here is listed in SHIMS (module -> why); drivers print it into their report so the fixtures
README can state exactly what was not the real package. No shim touches numerics: they stand in for progress bars,
plotting, I/O helpers and tokenizer back-ends that the forward passes never call. A stub object raises when it is
used, so a shim that is reached by accident fails loudly instead of changing a result.
"""
import importlib.machinery
import sys
import types
from pathlib import Path

SHIMS = {}
REPO_RESOURCES = Path(__file__).resolve().parents[2]


class _Unavailable:
    """Placeholder for a class/function of a missing package: importing works, using it raises."""

    def __init__(self, name):
        self._name = name

    def __call__(self, *a, **k):
        raise RuntimeError("shimmed package member used: " + self._name)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _Unavailable(self._name + "." + attr)

    def __mro_entries__(self, bases):
        return (object,)


def stub(name, why, **attrs):
    """Registers an importable module `name` whose unknown attributes are _Unavailable placeholders."""
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    module.__path__ = []
    module.__dict__.update(attrs)
    module.__getattr__ = lambda attr: (_ for _ in ()).throw(AttributeError(attr)) if attr.startswith("__") \
        else _Unavailable(name + "." + attr)
    sys.modules[name] = module
    SHIMS.setdefault(name.split(".")[0], why)
    return module


def _functions(path, names):
    """Executes only the named top-level functions/assignments of a Python source file (the rest imports a
    compiled extension that is not available)."""
    import ast
    import torch
    source = Path(path).read_text()
    tree = ast.parse(source)
    wanted = [n for n in tree.body if (isinstance(n, ast.FunctionDef) and n.name in names)
              or (isinstance(n, ast.Assign) and any(getattr(t, "id", None) in names for t in n.targets))]
    namespace = {"torch": torch}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(path), "exec"), namespace)
    return {k: v for k, v in namespace.items() if k in names}


def add_path(path):
    path = str(Path(path).resolve())
    if not Path(path).exists():
        raise SystemExit("missing checkout: " + path)
    sys.path.insert(0, path)


def quiet_tqdm():
    """Replaces tqdm (installed or not) with a pass-through iterator: progress bars only."""
    class Tqdm:
        def __init__(self, iterable=None, *a, **k):
            self.iterable = iterable

        def __iter__(self):
            return iter(self.iterable)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def update(self, *a, **k):
            pass

        def close(self):
            pass

    stub("tqdm", "progress bars only (pass-through iterator)", tqdm=Tqdm, trange=lambda *a, **k: range(*a))
    stub("tqdm.auto", "progress bars only", tqdm=Tqdm, trange=lambda *a, **k: range(*a))
    stub("tqdm.notebook", "progress bars only", tqdm=Tqdm, trange=lambda *a, **k: range(*a))


def transformers(root):
    """Makes `import transformers` work from a source checkout (src/ dir) with torch 1.13 and no PyPI packages.

    root holds transformers/ (src of huggingface/transformers), huggingface_hub/ and filelock/ (pure Python, real).
    Shims: tokenizers (Rust; only tokenizer conversion code imports it), regex (C; only tokenizers use it), and the
    import-time dependency version check (it needs pip metadata that source checkouts do not have).
    """
    add_path(root)
    stub("tokenizers", "Rust tokenizer back-end; imported by GGUF/slow-tokenizer conversion code only",
         __version__="0.20.3")
    for sub in ["models", "decoders", "normalizers", "pre_tokenizers", "processors", "trainers"]:
        stub("tokenizers." + sub, "tokenizers back-end")
    import re
    regex = stub("regex", "C regex engine; only tokenizers use it (mapped to the standard re module)")
    regex.__dict__.update({k: getattr(re, k) for k in dir(re) if not k.startswith("__")})
    stub("safetensors", "Rust extension; without its pip metadata transformers treats it as absent and loads "
         "pytorch_model.bin (the same weights as model.safetensors)")
    helpers = _functions(Path(root) / "safetensors_src" / "torch.py", {"storage_ptr", "storage_size", "_SIZE", "_float8_e4m3fn", "_float8_e5m2"})
    stub("safetensors.torch", "Rust-backed module; its pure-Python storage_ptr/storage_size (used by from_pretrained's "
         "tied-weight check) are executed from huggingface/safetensors' own torch.py", **helpers)
    stub("transformers.dependency_versions_check", "pip-metadata version check of install_requires")
    import transformers as t  # noqa: E402
    return t


def cuda_to_cpu():
    """Official Geneformer and scFoundation code hard-code CUDA; Debian's torch 1.13 is CPU-only. Keeps tensors and
    modules on the CPU where the code asks for "cuda". Placement only, no numerics."""
    import torch
    if torch.cuda.is_available():
        return
    real_tensor, real_to = torch.tensor, torch.Tensor.to

    def cpu(device):
        return "cpu" if (device == "cuda" or getattr(device, "type", None) == "cuda") else device

    def tensor(*a, **k):
        if "device" in k:
            k["device"] = cpu(k["device"])
        return real_tensor(*a, **k)

    def to(self, *a, **k):
        a = tuple(cpu(x) if isinstance(x, (str, torch.device)) else x for x in a)
        if "device" in k:
            k["device"] = cpu(k["device"])
        return real_to(self, *a, **k)

    torch.tensor = tensor
    torch.Tensor.to = to
    torch.Tensor.cuda = lambda self, *a, **k: self
    torch.nn.Module.cuda = lambda self, *a, **k: self
    SHIMS["cuda->cpu"] = ("torch.tensor(device='cuda'), Tensor.to('cuda'), Tensor.cuda() and Module.cuda() stay on the "
                          "CPU (Debian's torch is CPU-only)")


def datasets_standin():
    import datasets_standin as standin
    stub("datasets", "HF datasets needs pyarrow/dill/multiprocess (not installable); datasets_standin.py serves "
         "Geneformer's from_dict/map/filter/select/sort/add_column/set_format", Dataset=standin.Dataset,
         load_from_disk=standin.load_from_disk)
    stub("datasets.logging", "progress-bar switch only", disable_progress_bar=lambda: None)
    sys.modules["datasets"].logging = sys.modules["datasets.logging"]
    return standin


def geneformer(checkout, dictionaries):
    """Imports the official geneformer modules tokenizer, perturber_utils, emb_extractor, in_silico_perturber from
    `checkout` without running the package __init__ (it imports classifier/mtl modules needing optuna, ray, peft,
    bitsandbytes). The __init__'s dictionary-path constants are executed from its own source, then pointed at
    `dictionaries` ({constant name: path}): the checkout's .pkl files are Git LFS pointers, not data."""
    package_dir = Path(checkout).resolve() / "geneformer"
    source = (package_dir / "__init__.py").read_text()
    head = source.split("from . import (")[0]
    package = types.ModuleType("geneformer")
    package.__path__ = [str(package_dir)]
    package.__file__ = str(package_dir / "__init__.py")
    package.__spec__ = importlib.machinery.ModuleSpec("geneformer", None, is_package=True)
    exec(compile(head, package.__file__, "exec"), package.__dict__)
    package.__dict__.update({k: Path(v) for k, v in dictionaries.items()})
    sys.modules["geneformer"] = package
    SHIMS["geneformer/__init__"] = ("package __init__ not run (imports classifier/mtl modules: optuna, ray, peft); its "
                                    "path constants executed from source and pointed at the fixture dictionaries")
    import anndata
    stub("scanpy", "only read_h5ad/AnnData/concat are reached (mapped to anndata)", read_h5ad=anndata.read_h5ad,
         AnnData=anndata.AnnData, concat=anndata.concat)
    stub("loompy", "loom input only (the drivers feed h5ad)")
    stub("seaborn", "plotting only")
    stub("tdigest", "summary_stat tdigests only (not used: summary_stat None / exact_mean)")
    stub("peft", "LoRA fine-tuning only")
    stub("multiprocess", "set_start_method for nproc > 1 only", set_start_method=lambda *a, **k: None)
    datasets_standin()
    cuda_to_cpu()
    import matplotlib
    matplotlib.use("Agg")
    modules = {}
    for name in ["perturber_utils", "tokenizer", "emb_extractor", "in_silico_perturber"]:
        modules[name] = importlib.import_module("geneformer." + name)
    return modules


def scgpt(checkout):
    """Imports the official scgpt package from `checkout` (unchanged; flash-attn absent → its own PyTorch fallback)."""
    import anndata
    stub("scanpy", "only read_h5ad/AnnData are reached by embed_data (mapped to anndata)",
         read_h5ad=anndata.read_h5ad, AnnData=anndata.AnnData)
    stub("scanpy.get", "preprocessing helpers not reached by embed_data")
    stub("datasets", "scbank (data bank building) only")
    stub("seaborn", "plotting only")
    stub("networkx", "GRN task only")
    stub("numba", "scbank acceleration only", njit=lambda *a, **k: (lambda f: f), jit=lambda *a, **k: (lambda f: f),
         prange=range)
    add_path(checkout)
    import scgpt as package
    return package


def synthetic_package(name, directory):
    """A package object for `directory` whose __init__ is NOT executed (for packages whose __init__ pulls in
    dependencies the used modules do not need)."""
    package = types.ModuleType(name)
    package.__path__ = [str(Path(directory).resolve())]
    package.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
    sys.modules[name] = package
    return package


def scanpy_preprocessing(root):
    """Official scanpy (root/scanpy, a source checkout, 1.7.2 as scBERT pins) for normalize_total and log1p, loaded
    without scanpy/__init__ and scanpy/preprocessing/__init__ (they import plotting/tools needing statsmodels,
    seaborn, legacy_api_wrap, ...). `import scanpy` then gives a package with read_h5ad (anndata), pp.normalize_total,
    pp.log1p (official code), pp.filter_cells (see the caller)."""
    import anndata
    add_path(root)
    package = synthetic_package("scanpy", Path(root) / "scanpy")
    stub("scanpy._metadata", "version metadata of an installed wheel", __version__="1.7.2", __author__="",
         __email__="")
    stub("sinfo", "session-info printing only")
    settings = importlib.import_module("scanpy._settings")
    package.settings, package.Verbosity = settings.settings, settings.Verbosity
    synthetic_package("scanpy.preprocessing", Path(root) / "scanpy" / "preprocessing")
    stub("scanpy.preprocessing._deprecated", "legacy HVG function imported by _simple")
    stub("scanpy.preprocessing._deprecated.highly_variable_genes", "legacy HVG function imported by _simple")
    normalization = importlib.import_module("scanpy.preprocessing._normalization")
    simple = importlib.import_module("scanpy.preprocessing._simple")
    SHIMS["scanpy"] = ("scanpy 1.7.2 source: normalize_total (_normalization.py) and log1p (_simple.py) run "
                       "unchanged; package __init__s not run; read_h5ad is anndata's")
    pp = types.SimpleNamespace(normalize_total=normalization.normalize_total, log1p=simple.log1p,
                               filter_cells=simple.filter_cells)
    package.read_h5ad, package.pp, package.AnnData = anndata.read_h5ad, pp, anndata.AnnData
    return package


def source_statements(path, predicate):
    """Top-level statements of a script (by ast) that satisfy predicate(node, source_segment)."""
    import ast
    source = Path(path).read_text()
    tree = ast.parse(source)
    return [n for n in tree.body if predicate(n, ast.get_source_segment(source, n))]


def run_statements(nodes, path, namespace):
    import ast
    exec(compile(ast.Module(body=list(nodes), type_ignores=[]), str(path), "exec"), namespace)
    return namespace
