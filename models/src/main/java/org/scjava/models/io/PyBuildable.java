package org.scjava.models.io;

/** An object that accepts pickle's BUILD opcode (Python's {@code __setstate__} / instance-dict update). */
public interface PyBuildable {

    void setState(Object state);
}
