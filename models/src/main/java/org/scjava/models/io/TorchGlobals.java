package org.scjava.models.io;

import java.util.List;

/**
 * The globals a torch state-dict pickle references, re-implemented in Java: tensor and parameter rebuild functions,
 * storage classes and {@code collections.OrderedDict}. This is the same set torch's own {@code weights_only}
 * unpickler accepts for plain tensors; anything else is refused by {@link SafeUnpickler}.
 */
final class TorchGlobals {

    private static final String[] STORAGES = {"DoubleStorage", "FloatStorage", "HalfStorage", "BFloat16Storage",
        "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage", "UntypedStorage"};

    private static final PickleAllowlist ALLOWLIST = build();

    private TorchGlobals() {
    }

    static PickleAllowlist allowlist() {
        return ALLOWLIST;
    }

    /** A storage class used as a type tag inside a persistent id; never called. */
    record StorageType(DType dtype) implements PyGlobal {
        @Override
        public Object call(Object[] args) {
            throw new IllegalArgumentException("a torch storage class is not callable in a state dict");
        }
    }

    /** A tensor class passed as data to {@code _rebuild_from_type_v2}; never called. */
    record TypeTag(String name) implements PyGlobal {
        @Override
        public Object call(Object[] args) {
            throw new IllegalArgumentException(name + " is only accepted as a type tag in a state dict");
        }
    }

    private static PickleAllowlist build() {
        PickleAllowlist a = PickleAllowlist.containers()
                .with("torch._utils._rebuild_tensor_v2", TorchGlobals::rebuildTensor)
                .with("torch._utils._rebuild_tensor", TorchGlobals::rebuildTensor)
                .with("torch._utils._rebuild_parameter", args -> args[0])
                .with("torch._utils._rebuild_parameter_with_state", args -> args[0])
                .with("torch._tensor._rebuild_from_type_v2", TorchGlobals::rebuildFromType)
                .with("torch.nn.parameter.Parameter", new TypeTag("torch.nn.parameter.Parameter"))
                .with("torch.Tensor", new TypeTag("torch.Tensor"))
                .with("torch.Size", args -> args.length == 1 ? args[0] : args);
        for (String s : STORAGES) {
            StorageType t = new StorageType(DType.fromTorchStorage(s));
            a = a.with("torch." + s, t).with("torch.storage." + s, t);
        }
        return a;
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof TorchStorage storage)) {
            throw new IllegalArgumentException("_rebuild_tensor expects (storage, offset, size, stride, ...)");
        }
        return new TensorRef(storage, TorchCheckpoint.toLong(args[1]), longs(args[2]), longs(args[3]));
    }

    /** {@code _rebuild_from_type_v2(func, new_type, args, state)}: the subclass is dropped, the tensor kept. */
    private static Object rebuildFromType(Object[] args) {
        if (args.length < 3 || !(args[0] instanceof PyGlobal func) || !(args[2] instanceof Object[] inner)) {
            throw new IllegalArgumentException("_rebuild_from_type_v2 expects (func, type, args, state)");
        }
        return func.call(inner);
    }

    private static long[] longs(Object tuple) {
        if (tuple instanceof Object[] t) {
            long[] out = new long[t.length];
            for (int i = 0; i < t.length; i++) {
                out[i] = TorchCheckpoint.toLong(t[i]);
            }
            return out;
        }
        if (tuple instanceof List<?> l) {
            return longs(l.toArray());
        }
        throw new IllegalArgumentException("expected a shape tuple, got " + tuple);
    }
}
