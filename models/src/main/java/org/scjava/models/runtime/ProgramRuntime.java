package org.scjava.models.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A model-specific TorchScript program (text shipped beside its model package) with its weights uploaded to a
 * device, for architectures that are not the post-LN BERT encoder of {@link TransformerRuntime} (scBERT's and
 * scFoundation's Performer blocks, ESM-2's rotary pre-LN layers). Obtained from {@link Runtimes#program}; callers see
 * only Java arrays, never engine types. Each {@link Call} owns the native memory of its arguments and frees it on
 * close.
 */
public interface ProgramRuntime extends RuntimeHandle {

    /** A new call; add the arguments in the order of the program's {@code forward} signature, then {@link Call#run}. */
    Call call();

    /** Arguments of one forward call. */
    interface Call extends AutoCloseable {

        Call longs(long[] data, long... shape);

        Call floats(float[] data, long... shape);

        Call bools(boolean[] data, long... shape);

        Call flag(boolean b);

        Call flags(boolean... b);

        Call integer(long v);

        Call real(double v);

        /** The uploaded weight list (one {@code List[Tensor]} argument). */
        Call weights();

        /** Runs the program; it must return {@code List[Tensor]}. */
        List<Output> run();

        @Override
        void close();
    }

    /** One output tensor of a call: float32 values, row-major, and the shape. */
    record Output(float[] data, long[] shape) {
        public int dim(int i) {
            return (int) shape[i];
        }

        /** Rows {@code 0..length-1} of item {@code b} of a {@code [B, width, d]} output: {@code [length][d]}. */
        public float[][] rows(int b, int length, int width) {
            int d = dim(2);
            float[][] m = new float[length][];
            for (int t = 0; t < length; t++) {
                int from = (b * width + t) * d;
                m[t] = Arrays.copyOfRange(data, from, from + d);
            }
            return m;
        }
    }

    /**
     * Per-sequence rows of {@code [B, width, d]} outputs: {@code [sequence][output][token][dim]}, each sequence cut to
     * its own length (padding rows dropped), the layout {@link TransformerRuntime#forward} returns.
     */
    static float[][][][] unpad(List<Output> outs, int[] lengths, int width) {
        float[][][][] result = new float[lengths.length][outs.size()][][];
        for (int k = 0; k < outs.size(); k++) {
            for (int c = 0; c < lengths.length; c++) {
                result[c][k] = outs.get(k).rows(c, lengths[c], width);
            }
        }
        return result;
    }

    /** The text of a program shipped as a resource beside {@code owner}'s package. */
    static String source(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled program " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
