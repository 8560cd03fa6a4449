package org.scjava.models.io;

/**
 * A Python global that a pickle may reference and call (REDUCE / NEWOBJ): a Java re-implementation of the few
 * constructors a tensor state dict or a token dictionary needs. Only instances registered in a
 * {@link PickleAllowlist} are ever reachable from a pickle.
 */
@FunctionalInterface
public interface PyGlobal {

    /** Builds the object the Python callable would return for {@code args} (a pickled tuple). */
    Object call(Object[] args);
}
