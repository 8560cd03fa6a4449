package org.scjava.models;

import org.scjava.models.api.FoundationModel;

import java.nio.file.Path;

/** Loads one kind of model from a directory or file; registered under a kind name in {@link ModelRegistry}. */
@FunctionalInterface
public interface ModelLoader {

    FoundationModel load(Path path, ModelOptions options);
}
