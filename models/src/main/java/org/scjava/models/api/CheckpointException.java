package org.scjava.models.api;

/**
 * A checkpoint, vocabulary or config file that cannot be used: unreadable, truncated, a missing key, a tensor of the
 * wrong shape, or a vocabulary that does not fit the embedding table. The message names the file and key and shows
 * both shapes where they differ.
 */
public class CheckpointException extends ModelException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
