package org.scjava.models.esm2;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the ESM-2 checkpoint: the file itself, a Hugging Face model directory ({@code config.json} + weights), or the
 * one {@code esm2*.pt} in a directory.
 */
final class Esm2Files {

    private Esm2Files() {
    }

    static Path checkpoint(Path p) {
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (!Files.isDirectory(p)) {
            throw new CheckpointException("ESM-2 checkpoint " + p.toAbsolutePath() + " does not exist");
        }
        if (Esm2HfCheckpoint.isHuggingFace(p)) {
            return p;
        }
        List<Path> found;
        try (Stream<Path> s = Files.list(p)) {
            found = s.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("esm2") && n.endsWith(".pt") && !n.contains("contact-regression");
            }).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException("cannot list " + p + ": " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new CheckpointException("ESM-2 model directory " + p + " must hold a Hugging Face config.json with its"
                    + " weights, or exactly one esm2*.pt checkpoint"
                    + " (e.g. esm2_t6_8M_UR50D.pt); found " + found.stream().map(f -> f.getFileName().toString()).toList()
                    + ". Pass the file itself to choose.");
        }
        return found.get(0);
    }

    /** The file whose bytes identify the model: the .pt itself, or the HF directory's weights file. */
    static Path weights(Path checkpoint) {
        return Files.isDirectory(checkpoint) ? Esm2HfCheckpoint.weightsFile(checkpoint) : checkpoint;
    }
}
