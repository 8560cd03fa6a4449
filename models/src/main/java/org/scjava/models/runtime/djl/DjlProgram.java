package org.scjava.models.runtime.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import org.scjava.models.api.ModelException;
import org.scjava.models.io.DType;
import org.scjava.models.io.HostTensor;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.ProgramRuntime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A model-specific TorchScript program (text shipped beside its model package) with its weights on a device: the
 * generic counterpart of {@link DjlTransformer} for architectures that are not a post-LN BERT encoder (Performer,
 * ESM-2's rotary pre-LN layers). The program source may call the functions of the runtime's own
 * {@code encoders.torchscript} (e.g. {@code __torch__.encode}), which is compiled into the same archive.
 *
 * <p>Weights are uploaded once (float32; float64 tensors keep their type, as scBERT's gene2vec table needs) into a
 * manager owned by this handle; each {@link Call} builds its inputs in a sub-manager that it closes, so no native
 * memory outlives a call. Callers see only Java arrays, never DJL types.
 */
final class DjlProgram extends DjlHandle implements ProgramRuntime {

    private static final String RUNTIME_FUNCTIONS = TorchScriptArchive.resource("encoders.torchscript");

    private final PtNDManager manager;
    private final PtSymbolBlock program;
    private final IValue weights;

    private DjlProgram(String source, String className, List<HostTensor> tensors, ai.djl.Device d, String description) {
        super(d.toString());
        this.manager = (PtNDManager) NDManager.newBaseManager(d, "PyTorch");
        try {
            byte[] archive = TorchScriptArchive.build(RUNTIME_FUNCTIONS + "\n" + source, className);
            this.program = JniUtils.loadModule(manager, new ByteArrayInputStream(archive), true, false);
            this.weights = IValue.listFrom(upload(tensors));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new ModelException("could not set up " + description + " on libtorch: " + e.getMessage(), e);
        }
        IValue w = weights;
        PtSymbolBlock p = program;
        PtNDManager m = manager;
        guard(description, () -> {
            w.close();
            p.close();
            m.close();
        });
    }

    /**
     * Compiles top-level class {@code className} of {@code source} and uploads {@code tensors} (passed to every call
     * as one {@code List[Tensor]} argument, see {@link Call#weights()}).
     */
    static DjlProgram load(String source, String className, List<HostTensor> tensors, Device device, int threads,
                           String description) {
        return new DjlProgram(source, className, tensors, engineDevice(device, threads), description);
    }

    /** Resolves the device (loading libtorch on first use), then sets libtorch's threads. */
    private static ai.djl.Device engineDevice(Device device, int threads) {
        ai.djl.Device d = DjlEngine.device(device);
        DjlEngine.configureThreads(threads);
        return d;
    }

    private PtNDArray[] upload(List<HostTensor> tensors) {
        PtNDArray[] out = new PtNDArray[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            HostTensor t = tensors.get(i);
            Shape shape = new Shape(t.shape());
            if (t.dtype() == DType.F64) {
                ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(t.numel() * 8)).order(ByteOrder.nativeOrder());
                DoubleBuffer db = bytes.asDoubleBuffer();
                db.put(t.rawBytes().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer());
                db.clear();
                out[i] = (PtNDArray) manager.create(db, shape, DataType.FLOAT64);
            } else {
                FloatBuffer fb = t.toDirectFloats();
                out[i] = (PtNDArray) manager.create(fb, shape, DataType.FLOAT32);
            }
        }
        return out;
    }

    @Override
    public Call call() {
        checkOpen();
        return new DjlCall();
    }

    /** Arguments of one forward call, built in a sub-manager that {@code close()} releases. */
    private final class DjlCall implements Call {

        private final PtNDManager batch = (PtNDManager) manager.newSubManager();
        private final List<IValue> args = new ArrayList<>();

        @Override
        public Call longs(long[] data, long... shape) {
            args.add(IValue.from((PtNDArray) batch.create(data, new Shape(shape))));
            return this;
        }

        @Override
        public Call floats(float[] data, long... shape) {
            args.add(IValue.from((PtNDArray) batch.create(data, new Shape(shape))));
            return this;
        }

        @Override
        public Call bools(boolean[] data, long... shape) {
            args.add(IValue.from((PtNDArray) batch.create(data, new Shape(shape))));
            return this;
        }

        @Override
        public Call flag(boolean b) {
            args.add(IValue.from(b));
            return this;
        }

        @Override
        public Call flags(boolean... b) {
            args.add(IValue.listFrom(b));
            return this;
        }

        @Override
        public Call integer(long v) {
            args.add(IValue.from(v));
            return this;
        }

        @Override
        public Call real(double v) {
            args.add(IValue.from(v));
            return this;
        }

        @Override
        public Call weights() {
            args.add(weights);
            return this;
        }

        @Override
        public List<Output> run() {
            synchronized (DjlProgram.this) {
                checkOpen();
                // The programs are hand-written and see a new sequence length almost every call; the profiling graph
                // executor would re-specialise for each shape (measured: scFoundation at real size used about twice
                // the CPU time with it). It is a per-thread libtorch setting, restored afterwards.
                JniUtils.setGraphExecutorOptimize(false);
                try (IValue out = program.forward(args.toArray(IValue[]::new))) {
                    List<Output> result = new ArrayList<>();
                    for (PtNDArray t : out.toTensorArray(batch)) {
                        PtNDArray f = t.getDataType() == DataType.FLOAT32 ? t : (PtNDArray) t.toType(DataType.FLOAT32, false);
                        result.add(new Output(f.toFloatArray(), f.getShape().getShape()));
                    }
                    return result;
                } finally {
                    JniUtils.setGraphExecutorOptimize(Boolean.parseBoolean(
                            System.getProperty("ai.djl.pytorch.graph_optimizer", "true")));
                }
            }
        }

        @Override
        public void close() {
            for (IValue v : args) {
                if (v != weights) {
                    v.close();
                }
            }
            batch.close();
        }
    }
}
