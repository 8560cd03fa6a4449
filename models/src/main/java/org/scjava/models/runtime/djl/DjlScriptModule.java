package org.scjava.models.runtime.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.ModelException;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.ScriptRuntime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A TorchScript file ({@code torch.jit.save}) run through DJL: one float32 input matrix per call in a per-call
 * sub-manager; the first tensor of the output (a tensor, or the first element of a tuple/list) is returned.
 */
public final class DjlScriptModule extends DjlHandle implements ScriptRuntime {

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private DjlScriptModule(Path file, ai.djl.Device d, String description) {
        super(d.toString());
        this.manager = (PtNDManager) NDManager.newBaseManager(d, "PyTorch");
        try {
            this.module = JniUtils.loadModule(manager, file, true, new String[0], new String[0], false);
        } catch (RuntimeException e) {
            manager.close();
            throw new CheckpointException(file.getFileName() + " is not a TorchScript module libtorch "
                    + DjlEngine.engine().getVersion() + " can load (" + e.getMessage() + "); export it with"
                    + " torch.jit.script(model).save(path) or torch.jit.trace", e);
        }
        PtSymbolBlock m = module;
        PtNDManager mg = manager;
        guard(description, () -> {
            m.close();
            mg.close();
        });
    }

    public static DjlScriptModule load(Path file, Device device, int threads, String description) {
        ai.djl.Device d = DjlEngine.device(device);
        DjlEngine.configureThreads(threads);
        return new DjlScriptModule(file, d, description);
    }

    @Override
    public synchronized float[][] forward(float[][] input) {
        checkOpen();
        int rows = input.length;
        int cols = rows == 0 ? 0 : input[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(input[r], 0, flat, r * cols, cols);
        }
        try (PtNDManager call = (PtNDManager) manager.newSubManager();
             IValue in = IValue.from((PtNDArray) call.create(flat, new Shape(rows, cols)))) {
            try (IValue out = module.forward(in)) {
                PtNDArray y = first(out, call);
                long[] shape = y.getShape().getShape();
                if (shape.length != 2 || shape[0] != rows) {
                    throw new ModelException("the TorchScript module returned shape " + Arrays.toString(shape)
                            + " for " + rows + " cells; expected [cells, d]");
                }
                float[] v = y.toFloatArray();
                int d = (int) shape[1];
                float[][] res = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    res[r] = Arrays.copyOfRange(v, r * d, (r + 1) * d);
                }
                return res;
            }
        } catch (ai.djl.engine.EngineException e) {
            throw new ModelException("the TorchScript module failed on a [" + rows + ", " + cols + "] float32 input: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static PtNDArray first(IValue out, PtNDManager mgr) {
        if (out.isTensor()) {
            return out.toTensor(mgr);
        }
        if (out.isTuple() || out.isList() || out.isTensorList()) {
            PtNDArray[] arr = out.isTensorList() ? out.toTensorArray(mgr) : null;
            if (arr != null && arr.length > 0) {
                return arr[0];
            }
            IValue[] items = out.isTuple() ? out.toIValueTuple() : out.toIValueArray();
            if (items.length > 0 && items[0].isTensor()) {
                return items[0].toTensor(mgr);
            }
        }
        throw new ModelException("the TorchScript module returned " + out.getType() + "; expected a tensor [cells, d]");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    @Override
    public List<String> methods() {
        return Arrays.asList(JniUtils.getMethodNames(module));
    }

}
