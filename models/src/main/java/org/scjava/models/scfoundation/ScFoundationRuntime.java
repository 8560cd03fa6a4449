package org.scjava.models.scfoundation;

import org.scjava.models.api.CellTokens;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.TransformerRuntime;
import org.scjava.models.runtime.djl.DjlProgram;

import java.util.List;

/**
 * Runs {@code scfoundation.torchscript} on right-padded batches of gathered cells (values, gene positions, keep
 * mask), so the shared {@link org.scjava.models.runtime.BatchRunner} can batch them; padded keys are masked, so a cell's
 * result does not depend on its batch (the official script runs one cell at a time).
 */
final class ScFoundationRuntime implements TransformerRuntime {

    private final DjlProgram program;
    private final ScFoundationCheckpoint ckpt;

    ScFoundationRuntime(ScFoundationCheckpoint ckpt, Device device, int threads, String description) {
        this.ckpt = ckpt;
        this.program = DjlProgram.load(DjlProgram.source(ScFoundationRuntime.class, "scfoundation.torchscript"),
                "ScFoundation", ckpt.weights(), device, threads, description);
    }

    @Override
    public float[][][][] forward(List<CellTokens> cells, boolean[] hidden, boolean inputParts) {
        int b = cells.size();
        int width = cells.stream().mapToInt(CellTokens::length).max().orElse(0);
        float[] values = new float[b * width];
        long[] positions = new long[b * width];
        boolean[] keep = new boolean[b * width];
        boolean padded = false;
        for (int c = 0; c < b; c++) {
            CellTokens t = cells.get(c);
            padded |= t.length() < width;
            for (int i = 0; i < t.length(); i++) {
                values[c * width + i] = t.values()[i];
                positions[c * width + i] = t.ids()[i];
                keep[c * width + i] = true;
            }
        }
        try (DjlProgram.Call call = program.call()) {
            List<DjlProgram.Output> outs = call.floats(values, b, width).longs(positions, b, width).bools(keep, b, width)
                    .flag(padded).weights().integer(ckpt.heads()).real(ckpt.binAlpha()).real(ckpt.padId())
                    .real(ckpt.maskId()).flags(hidden).run();
            float[][][][] result = new float[b][outs.size()][][];
            for (int k = 0; k < outs.size(); k++) {
                for (int c = 0; c < b; c++) {
                    result[c][k] = outs.get(k).rows(c, cells.get(c).length(), width);
                }
            }
            return result;
        }
    }

    @Override
    public String deviceName() {
        return program.deviceName();
    }

    @Override
    public String engineInfo() {
        return program.engineInfo();
    }

    @Override
    public void close() {
        program.close();
    }
}
