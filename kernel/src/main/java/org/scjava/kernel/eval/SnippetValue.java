package org.scjava.kernel.eval;

/**
 * Receives the value of a cell's final expression when the kernel compiles it as a statement
 * ({@code { SnippetValue.set(expr); }}) instead of letting JShell infer a type and declare a {@code $n} variable for
 * it: that skips one of JShell's three compiler passes per cell. Public because snippet code calls it.
 */
public final class SnippetValue {

    private SnippetValue() {
    }

    /** Called by the wrapped snippet on the engine's thread. */
    public static void set(Object value) {
        CapturingExecutionControl.Slot slot = CapturingExecutionControl.Trampoline.SLOT.get();
        if (slot != null) {
            slot.captured = value;
            slot.hasCaptured = true;
        }
    }
}
