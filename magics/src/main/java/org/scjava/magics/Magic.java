package org.scjava.magics;

import java.util.List;

/**
 * A notebook magic: {@code %name args} on a line of its own, or {@code %%name args} as the first line of a cell whose
 * remaining lines are its body. Each magic is a thin wrapper: it parses its arguments and calls one public method a
 * user could type instead (the help says which). Magics are services
 * ({@code META-INF/services/org.scjava.magics.Magic}), found by the kernel and by {@code ./scjava run}.
 */
public interface Magic {

    /** The name after {@code %} (or {@code %%} for a cell magic). */
    String name();

    /** Usage on one line, e.g. {@code %atlas load PATH [as NAME] | %atlas info NAME}. */
    String usage();

    /** What it does and the call it wraps. */
    String help();

    /** True for a cell magic ({@code %%name}); its body is the rest of the cell. */
    default boolean isCellMagic() {
        return false;
    }

    /**
     * Runs the magic.
     *
     * @param context the session it runs in
     * @param args    the arguments after the name, split like a shell line (quotes group words)
     * @param body    the cell body for a cell magic, null for a line magic
     * @return a value to display like a cell result, or null
     * @throws MagicException for wrong usage or a failure to report to the user as a message
     */
    Object run(MagicContext context, List<String> args, String body) throws Exception;
}
