package org.scjava.models.runtime;

/**
 * Base of a model's runtime that runs its own TorchScript program (scBERT, scFoundation, ESM-2): owns the
 * {@link ProgramRuntime} the engine loaded and gives subclasses {@link #call()}; subclasses pack a batch into the
 * program's arguments and unpack its outputs, without seeing any engine type.
 */
public abstract class ProgramHandle implements RuntimeHandle {

    private final ProgramRuntime program;

    protected ProgramHandle(ProgramRuntime program) {
        this.program = program;
    }

    /** A new call of the program. */
    protected final ProgramRuntime.Call call() {
        return program.call();
    }

    @Override
    public String deviceName() {
        return program.deviceName();
    }

    @Override
    public String engineInfo() {
        return program.engineInfo();
    }

    @Override
    public void close() {
        program.close();
    }
}
