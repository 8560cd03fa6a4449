package org.scjava.models.scfoundation;

import org.scjava.models.api.CellTokens;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.TransformerRuntime;
import org.scjava.models.runtime.ProgramHandle;
import org.scjava.models.runtime.ProgramRuntime;
import org.scjava.models.runtime.Runtimes;

import java.util.List;

/**
 * Runs {@code scfoundation.torchscript} on right-padded batches of gathered cells (values, gene positions, keep
 * mask), so the shared {@link org.scjava.models.runtime.BatchRunner} can batch them; padded keys are masked, so a cell's
 * result does not depend on its batch (the official script runs one cell at a time).
 */
final class ScFoundationRuntime extends ProgramHandle implements TransformerRuntime {

    private final ScFoundationCheckpoint ckpt;
    private final ProgramRuntime genes;

    ScFoundationRuntime(ScFoundationCheckpoint ckpt, Device device, int threads, String description) {
        super(Runtimes.program(source(), "ScFoundation", ckpt.weights(), device, threads, description));
        this.ckpt = ckpt;
        this.genes = ckpt.decoder() == null ? null
                : Runtimes.program(source(), "ScFoundationGenes", ckpt.weights(), device, threads, description + " (gene decoder)");
    }

    /** The program text: the shared Performer blocks (decoder) and scFoundation's classes. */
    private static String source() {
        return ProgramRuntime.source(ScFoundationRuntime.class, "/org/scjava/models/scbert/performer.torchscript") + "\n"
                + ProgramRuntime.source(ScFoundationRuntime.class, "scfoundation.torchscript");
    }

    /**
     * {@code --output_type gene} for one gathered cell: the decoder's context embedding of every position
     * ([genes + 2][decoder dim]); {@code full} holds all input values (genes, T, S).
     */
    float[][] geneOutputs(float[] full, CellTokens cell) {
        ScFoundationCheckpoint.Decoder dec = ckpt.decoder();
        long[] positions = new long[cell.length()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = cell.ids()[i];
        }
        double c = Math.pow(dec.dimHead(), -0.25);
        try (ProgramRuntime.Call call = genes.call()) {
            ProgramRuntime.Output out = call.floats(full, 1, full.length).floats(cell.values(), 1, cell.length())
                    .longs(positions, 1, positions.length).weights().integer(ckpt.depth()).integer(ckpt.heads())
                    .integer(dec.heads()).real(ckpt.binAlpha()).real(ckpt.padId()).real(ckpt.maskId()).real(c)
                    .real(c * c).real(Math.pow(dec.features(), -0.5)).run().get(0);
            return out.rows(0, full.length, full.length);
        }
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
        try (ProgramRuntime.Call call = call()) {
            List<ProgramRuntime.Output> outs = call.floats(values, b, width).longs(positions, b, width).bools(keep, b, width)
                    .flag(padded).weights().integer(ckpt.heads()).real(ckpt.binAlpha()).real(ckpt.padId())
                    .real(ckpt.maskId()).flags(hidden).run();
            return ProgramRuntime.unpad(outs, cells.stream().mapToInt(CellTokens::length).toArray(), width);
        }
    }

    @Override
    public void close() {
        super.close();
        if (genes != null) {
            genes.close();
        }
    }
}
