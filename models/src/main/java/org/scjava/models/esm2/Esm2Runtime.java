package org.scjava.models.esm2;

import org.scjava.models.api.CellTokens;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.TransformerRuntime;
import org.scjava.models.runtime.ProgramHandle;
import org.scjava.models.runtime.ProgramRuntime;
import org.scjava.models.runtime.Runtimes;

import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code esm2.torchscript} on right-padded token batches and returns unpadded representations, so the shared
 * {@link org.scjava.models.runtime.BatchRunner} can batch, report progress and honour interrupts for ESM-2 too.
 */
final class Esm2Runtime extends ProgramHandle implements TransformerRuntime {

    private final Esm2Checkpoint ckpt;
    private final Esm2Alphabet alphabet = Esm2Alphabet.esm1b();

    Esm2Runtime(Esm2Checkpoint ckpt, Device device, int threads, String description) {
        super(Runtimes.program(ProgramRuntime.source(Esm2Runtime.class, "esm2.torchscript"), "Esm2", ckpt.weights(),
                device, threads, description));
        this.ckpt = ckpt;
    }

    @Override
    public float[][][][] forward(List<CellTokens> cells, boolean[] hidden, boolean inputParts) {
        int b = cells.size();
        int width = cells.stream().mapToInt(CellTokens::length).max().orElse(0);
        long[] tokens = new long[b * width];
        Arrays.fill(tokens, alphabet.pad());
        for (int c = 0; c < b; c++) {
            int[] ids = cells.get(c).ids();
            for (int t = 0; t < ids.length; t++) {
                tokens[c * width + t] = ids[t];
            }
        }
        float[] positions = new float[width];
        for (int t = 0; t < width; t++) {
            positions[t] = t;
        }
        int hd = ckpt.dim() / ckpt.heads();
        double keepScale = ckpt.tokenDropout() ? 1 - 0.15 * 0.8 : 1.0;
        try (ProgramRuntime.Call call = call()) {
            List<ProgramRuntime.Output> outs = call.longs(tokens, b, width).floats(positions, width).weights()
                    .integer(ckpt.heads()).integer(alphabet.pad()).integer(alphabet.mask()).real(keepScale)
                    .real(Math.pow(hd, -0.5)).real(Double.NEGATIVE_INFINITY).flags(hidden).run();
            return ProgramRuntime.unpad(outs, cells.stream().mapToInt(CellTokens::length).toArray(), width);
        }
    }
}
