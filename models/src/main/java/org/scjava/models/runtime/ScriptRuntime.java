package org.scjava.models.runtime;

/**
 * A user's TorchScript module behind a plain contract: a float32 matrix [rows][features] in, a matrix [rows][d] out.
 * Owns native memory; close it.
 */
public interface ScriptRuntime extends RuntimeHandle {

    float[][] forward(float[][] input);

    /** The module's method names (for the model card). */
    java.util.List<String> methods();
}
