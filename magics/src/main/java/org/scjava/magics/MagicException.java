package org.scjava.magics;

/** A magic was used wrongly or could not do its job; the message says what to do instead. */
public class MagicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A usage error for {@code magic}: the message followed by its usage line. */
    public static MagicException usage(Magic magic, String problem) {
        return new MagicException(problem + "\nusage: " + magic.usage());
    }
}
