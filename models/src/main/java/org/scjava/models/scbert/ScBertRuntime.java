package org.scjava.models.scbert;

import org.scjava.models.api.CellTokens;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.ProgramHandle;
import org.scjava.models.runtime.ProgramRuntime;
import org.scjava.models.runtime.Runtimes;

import java.util.List;

/** Runs {@code scbert.torchscript} (with the shared {@code performer.torchscript} blocks) on batches of cells. */
final class ScBertRuntime extends ProgramHandle {

    /** Outputs of one batch: pooled rows, and (detail) per-position states, and the head output when asked. */
    record Result(List<ProgramRuntime.Output> outputs) {
        ProgramRuntime.Output get(int i) {
            return outputs.get(i);
        }
    }

    private final ScBertCheckpoint ckpt;

    ScBertRuntime(ScBertCheckpoint ckpt, Device device, int threads, String description) {
        super(Runtimes.program(source(), "ScBert", ckpt.weights(), device, threads, description));
        this.ckpt = ckpt;
    }

    /** The program text: the shared Performer blocks, then scBERT's classes. */
    private static String source() {
        return ProgramRuntime.source(ScBertRuntime.class, "performer.torchscript") + "\n"
                + ProgramRuntime.source(ScBertRuntime.class, "scbert.torchscript");
    }

    /** One forward over {@code cells} (all of length seq_len); {@code head}: 0 none, else the checkpoint's head. */
    Result run(List<CellTokens> cells, boolean detail, boolean head) {
        int b = cells.size();
        int len = ckpt.seqLen();
        long[] tokens = new long[b * len];
        for (int c = 0; c < b; c++) {
            int[] ids = cells.get(c).ids();
            if (ids.length != len) {
                throw new IllegalArgumentException("scBERT needs " + len + " tokens per cell (genes + 1), got " + ids.length);
            }
            for (int t = 0; t < len; t++) {
                tokens[c * len + t] = ids[t];
            }
        }
        double c = Math.pow(ckpt.dimHead(), -0.25);
        try (ProgramRuntime.Call call = call()) {
            return new Result(call.longs(tokens, b, len).weights().integer(ckpt.depth()).integer(ckpt.heads())
                    .real(c).real(c * c).real(Math.pow(ckpt.features(), -0.5)).flag(detail)
                    .integer(head ? ckpt.head() : 0).run());
        }
    }
}
