package org.scjava.models.api;

/** The requested device (e.g. a CUDA GPU) is not available to the runtime; the message says how to enable it. */
public class DeviceException extends ModelException {

    public DeviceException(String message) {
        super(message);
    }
}
