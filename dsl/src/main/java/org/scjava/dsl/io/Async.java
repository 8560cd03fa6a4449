package org.scjava.dsl.io;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joins background reads so that their own exceptions (e.g. {@link AtlasFormatException}) reach the caller. */
public final class Async {

    private Async() {
    }

    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
