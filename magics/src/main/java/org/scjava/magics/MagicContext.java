package org.scjava.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a magic can do in the session it runs in (implemented by the kernel and the script runner). */
public interface MagicContext {

    /**
     * Evaluates code exactly as if the user had typed it in the cell (Java and other magics alike), so variables it
     * defines live on in the session.
     *
     * @return the value of the last expression, or null when there is none
     */
    Object eval(String code) throws Exception;

    /** A user variable and its declared type. */
    record Variable(String name, String type) {
    }

    /** The user's variables in definition order. */
    List<Variable> variables();

    /** The live value of a variable. */
    Optional<Object> value(String name);

    /**
     * The value of variable {@code name} as a {@code type} ("an Atlas", "a model" in errors), or a clear error when
     * there is no such variable or it holds something else.
     */
    default <T> T require(String name, Class<T> type, String what) {
        Object value = value(name).orElseThrow(() -> new MagicException("no variable named " + name + "; %who lists them"));
        if (!type.isInstance(value)) {
            throw new MagicException(name + " is a " + value.getClass().getSimpleName() + ", not " + what);
        }
        return type.cast(value);
    }

    /** Removes a variable from the session; false when there is none. */
    boolean drop(String name);

    /** Makes a jar or class folder available to code in later cells (compiling and running). */
    void addToClasspath(Path path);

    /** Shows a value as an output of the current cell (rendered like a cell result). */
    void display(Object value);

    /** All magics known to the session, for {@code %lsmagic} and {@code %help}. */
    List<Magic> magics();
}
