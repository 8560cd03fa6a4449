package org.scjava.models;

import org.scjava.models.io.HostTensor;
import org.scjava.models.io.Npy;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths to the copied reference fixtures (src/test/resources/fixtures, see its README) and small array helpers. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root() {
        return resource("/fixtures");
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HostTensor expected(String name) {
        return Npy.read(path("expected/" + name));
    }

    /** Max |a-b| over two equal-length arrays. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** ||b - a|| / ||a||: the relative L2 error of {@code b} against the reference {@code a}. */
    public static double relativeError(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += ((double) b[i] - a[i]) * ((double) b[i] - a[i]);
            norm += (double) a[i] * a[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** Cosine similarity of two equal-length vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
