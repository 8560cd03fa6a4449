"""In-memory stand-in for the few Hugging Face `datasets.Dataset` operations Geneformer's official code calls.

`datasets` needs pyarrow, dill, multiprocess and xxhash, none of which can be installed here (Debian 12 has no
python3-datasets; there is no PyPI). Geneformer uses a Dataset only as a table of per-cell rows: from_dict, map,
filter, select, sort, add_column, set_format("torch"), column and row access. This class implements exactly those
with the documented `datasets` semantics that matter for the results:

* map/filter see each row as a fresh deep copy (as Arrow decodes it), as a dict of plain Python values (Arrow stores numpy arrays as lists, so
  `example["input_ids"].index(tok)` works as in the official runs); map stores the returned dict.
* sort is stable, ascending or descending (`pyarrow.compute.sort_indices` is stable); select keeps the format.
* set_format("torch") is in place; integer data become int64 tensors and floats float32 (datasets' TorchFormatter
  defaults); a list column is stacked when all rows have one shape, else returned as a list of tensors.

Nothing here computes model numbers; it only routes rows to the official functions.
"""
import copy

import numpy as np
import torch


def _plain(value):
    if isinstance(value, torch.Tensor):
        return value.tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _tensor(value):
    if isinstance(value, list) and value and isinstance(value[0], list):
        parts = [_tensor(v) for v in value]
        same = all(isinstance(p, torch.Tensor) and p.shape == parts[0].shape for p in parts)
        return torch.stack(parts) if same else parts   # TorchFormatter._consolidate
    array = np.asarray(value)
    if array.dtype == object:
        return value
    if np.issubdtype(array.dtype, np.integer) or array.dtype == bool:
        return torch.tensor(array, dtype=torch.int64)
    if np.issubdtype(array.dtype, np.floating):
        return torch.tensor(array, dtype=torch.float32)
    return value


class Dataset:
    def __init__(self, rows, columns, torch_format=False):
        self._rows = rows
        self._columns = list(columns)
        self._torch = torch_format

    @classmethod
    def from_dict(cls, mapping):
        columns = list(mapping)
        n = len(mapping[columns[0]]) if columns else 0
        rows = [{c: _plain(mapping[c][i]) for c in columns} for i in range(n)]
        return cls(rows, columns)

    @property
    def features(self):
        return {c: None for c in self._columns}

    @property
    def column_names(self):
        return list(self._columns)

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, key):
        if isinstance(key, str):
            values = [copy.deepcopy(row[key]) for row in self._rows]
            return _tensor(values) if self._torch else values
        row = self._rows[key]
        return {c: _tensor(v) for c, v in row.items()} if self._torch else copy.deepcopy(row)

    def map(self, function, num_proc=None, **kwargs):
        if kwargs.get("batched"):
            raise NotImplementedError("batched map is not used by the Geneformer paths this stand-in serves")
        rows = []
        for row in self._rows:
            out = function(copy.deepcopy(row))   # Arrow decodes a fresh row for every call
            rows.append({c: _plain(v) for c, v in (out if out is not None else row).items()})
        columns = list(self._columns) + [c for c in (rows[0] if rows else {}) if c not in self._columns]
        return Dataset(rows, columns, self._torch)

    def filter(self, function, num_proc=None, **kwargs):
        return Dataset([r for r in self._rows if function(copy.deepcopy(r))], self._columns, self._torch)

    def select(self, indices):
        return Dataset([self._rows[i] for i in indices], self._columns, self._torch)

    def sort(self, column, reverse=False, **kwargs):
        order = sorted(range(len(self._rows)), key=lambda i: self._rows[i][column], reverse=reverse)
        return self.select(order)

    def shuffle(self, seed=None, **kwargs):
        raise NotImplementedError("shuffle is only used when max_ncells < number of cells; the drivers avoid it")

    def add_column(self, name, column):
        rows = [dict(r, **{name: _plain(v)}) for r, v in zip(self._rows, column)]
        return Dataset(rows, self._columns + [name], self._torch)

    def remove_columns(self, names):
        names = [names] if isinstance(names, str) else list(names)
        rows = [{c: v for c, v in r.items() if c not in names} for r in self._rows]
        return Dataset(rows, [c for c in self._columns if c not in names], self._torch)

    def set_format(self, type=None, **kwargs):
        self._torch = type == "torch"

    def with_format(self, type=None, **kwargs):
        return Dataset(self._rows, self._columns, type == "torch")

    def save_to_disk(self, path):
        import pickle
        with open(path, "wb") as f:
            pickle.dump((self._rows, self._columns), f)


def load_from_disk(path):
    import pickle
    with open(path, "rb") as f:
        rows, columns = pickle.load(f)
    return Dataset(rows, columns)
