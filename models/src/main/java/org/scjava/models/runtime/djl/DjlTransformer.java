package org.scjava.models.runtime.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.ModelException;
import org.scjava.models.io.HostTensor;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.EncoderWeights;
import org.scjava.models.runtime.Placement;
import org.scjava.models.runtime.Precision;
import org.scjava.models.runtime.TransformerRuntime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TransformerRuntime} on DJL's PyTorch engine. The encoder program ({@code encoders.torchscript}) is compiled
 * by libtorch once per model; weights are uploaded once (float32, converted in Java) into a manager owned by this
 * handle, then cast to the {@link Precision} asked for (fp16/bf16 weights and activations; results come back as
 * float32); every batch builds its inputs in a sub-manager that is closed before {@link #forward} returns, so no native
 * memory outlives a call. A {@link LeakGuard} frees everything, with a warning, if the handle is never closed.
 */
public final class DjlTransformer extends DjlHandle implements TransformerRuntime {

    private static final String PROGRAM = TorchScriptArchive.resource("encoders.torchscript");

    private final EncoderSpec spec;
    private final Precision precision;
    private final PtNDManager manager;
    private final PtSymbolBlock program;
    private final IValue inputs;
    private final IValue layers;

    private DjlTransformer(EncoderSpec spec, EncoderWeights weights, ai.djl.Device d, Precision precision,
                           String description) {
        super(d.toString());
        this.spec = spec;
        this.precision = precision;
        this.manager = (PtNDManager) NDManager.newBaseManager(d, "PyTorch");
        try {
            String className = spec.input() == EncoderSpec.InputStyle.SCGPT ? "ScGpt" : "Bert";
            byte[] archive = TorchScriptArchive.build(PROGRAM, className);
            this.program = JniUtils.loadModule(manager, new ByteArrayInputStream(archive), true, false);
            this.inputs = converted(upload(weights.inputs()));
            this.layers = converted(upload(weights.layers()));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e instanceof ModelException me ? me : new ModelException("could not set up " + description
                    + " on libtorch: " + e.getMessage(), e);
        }
        IValue in = inputs;
        IValue ly = layers;
        PtSymbolBlock pr = program;
        PtNDManager mg = manager;
        guard(description, () -> {
            in.close();
            ly.close();
            pr.close();
            mg.close();
        });
    }

    /** Loads an encoder: compiles the program and uploads the weights to the placement's device and precision. */
    public static DjlTransformer load(EncoderSpec spec, EncoderWeights weights, Placement placement,
                                      String description) {
        ai.djl.Device d = DjlEngine.device(placement.device());
        DjlEngine.configureThreads(placement.threads());
        return new DjlTransformer(spec, weights, d, placement.precision(), description);
    }

    /** c10::ScalarType's number for {@code p} (what TorchScript takes as a dtype). */
    static long scalarType(Precision p) {
        return switch (p) {
            case FP32 -> 6;
            case FP16 -> 5;
            case BF16 -> 15;
        };
    }

    private PtNDArray[] upload(List<HostTensor> tensors) {
        PtNDArray[] out = new PtNDArray[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            HostTensor t = tensors.get(i);
            FloatBuffer fb = t.toDirectFloats();
            out[i] = (PtNDArray) manager.create(fb, new Shape(t.shape()), DataType.FLOAT32);
        }
        return out;
    }

    /**
     * The uploaded float32 tensors as one list argument, converted to this handle's precision by the program's
     * {@code Cast} class (the float32 copies are freed at once).
     */
    private IValue converted(PtNDArray[] f32) {
        IValue list = IValue.listFrom(f32);
        if (precision == Precision.FP32) {
            return list;
        }
        byte[] archive = TorchScriptArchive.build(PROGRAM, "Cast");
        try (IValue dtype = IValue.from(scalarType(precision))) {
            PtSymbolBlock cast = JniUtils.loadModule(manager, new ByteArrayInputStream(archive), true, false);
            try {
                return cast.forward(list, dtype);
            } finally {
                cast.close();
                list.close();
                for (PtNDArray a : f32) {
                    a.close();
                }
            }
        } catch (IOException e) {
            throw new ModelException("could not convert the weights to " + precision.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void releaseCachedMemory() {
        if (deviceName().startsWith("gpu")) {
            JniUtils.emptyCudaCache();
        }
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public synchronized float[][][][] forward(List<CellTokens> cells, boolean[] hidden, boolean inputParts) {
        checkOpen();
        if (hidden.length != spec.layers() + 1) {
            throw new IllegalArgumentException("hidden flags must have " + (spec.layers() + 1) + " entries");
        }
        int b = cells.size();
        int maxLen = 0;
        for (CellTokens c : cells) {
            maxLen = Math.max(maxLen, c.length());
        }
        if (maxLen == 0) {
            throw new ModelException("cannot run the encoder on empty token lists");
        }
        if (spec.maxLength() > 0 && maxLen > spec.maxLength()) {
            throw new ModelException("a cell has " + maxLen + " tokens but the model accepts at most " + spec.maxLength());
        }
        try (PtNDManager batch = (PtNDManager) manager.newSubManager()) {
            List<IValue> args = new ArrayList<>();
            try {
                Inputs in = Inputs.pad(cells, maxLen);
                boolean padded = in.padded();
                PtNDArray ids = (PtNDArray) batch.create(in.ids(), new Shape(b, maxLen));
                PtNDArray keep = (PtNDArray) batch.create(in.keep(), new Shape(b, maxLen));
                args.add(IValue.from(ids));
                if (spec.input() == EncoderSpec.InputStyle.SCGPT) {
                    args.add(IValue.from((PtNDArray) batch.create(in.values(), new Shape(b, maxLen))));
                }
                args.add(IValue.from(keep));
                args.add(IValue.from(padded));
                args.add(inputs);
                args.add(layers);
                args.add(IValue.from((long) spec.heads()));
                args.add(IValue.from(spec.eps()));
                if (spec.input() == EncoderSpec.InputStyle.BERT) {
                    args.add(IValue.from(spec.gelu()));
                }
                args.add(IValue.listFrom(hidden));
                if (spec.input() == EncoderSpec.InputStyle.SCGPT) {
                    args.add(IValue.from(inputParts));
                }
                try (IValue out = program.forward(args.toArray(IValue[]::new))) {
                    return unpad(out.toTensorArray(batch), cells, maxLen);
                }
            } finally {
                for (IValue v : args) {
                    if (v != inputs && v != layers) {
                        v.close();
                    }
                }
            }
        }
    }

    private float[][][][] unpad(PtNDArray[] outs, List<CellTokens> cells, int maxLen) {
        int d = spec.dModel();
        float[][][][] result = new float[cells.size()][outs.length][][];
        for (int k = 0; k < outs.length; k++) {
            float[] flat = outs[k].toFloatArray(); // the program returns float32 whatever the precision
            for (int c = 0; c < cells.size(); c++) {
                int len = cells.get(c).length();
                float[][] m = new float[len][];
                for (int t = 0; t < len; t++) {
                    int from = (c * maxLen + t) * d;
                    m[t] = java.util.Arrays.copyOfRange(flat, from, from + d);
                }
                result[c][k] = m;
            }
        }
        return result;
    }


    /** Right-padded batch inputs: ids (pad 0), values (pad 0; masked out), keep flags. */
    private record Inputs(long[] ids, float[] values, boolean[] keep, boolean padded) {
        static Inputs pad(List<CellTokens> cells, int maxLen) {
            int b = cells.size();
            long[] ids = new long[b * maxLen];
            float[] values = new float[b * maxLen];
            boolean[] keep = new boolean[b * maxLen];
            boolean padded = false;
            for (int c = 0; c < b; c++) {
                CellTokens ct = cells.get(c);
                padded |= ct.length() < maxLen;
                for (int t = 0; t < ct.length(); t++) {
                    ids[c * maxLen + t] = ct.ids()[t];
                    values[c * maxLen + t] = ct.values() == null ? 0f : ct.values()[t];
                    keep[c * maxLen + t] = true;
                }
            }
            return new Inputs(ids, values, keep, padded);
        }
    }
}
