package org.scjava.kernel.transport;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one Jupyter wire-protocol message from a socket, checking it before anything is parsed: all frames of the
 * multipart message are taken first (a malformed or forged message never desynchronises the socket), then the
 * {@code <IDS|MSG>} delimiter and frame count, then the HMAC signature (constant-time comparison). JJava's socket
 * throws from its read loop on a bad signature, which ends the shell thread; here a bad message is a
 * {@link RejectedMessage} the loop logs and skips. Parsing uses JJava's message model and JSON adapters.
 */
final class WireMessages {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type METADATA = new TypeToken<Map<String, Object>>() { }.getType();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();

    private WireMessages() {
    }

    /** A message that was received and refused; the reason is safe to log (it never contains the key). */
    static final class RejectedMessage extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedMessage(String reason) {
            super(reason);
        }
    }

    /** Receives all frames of the next message (blocking). */
    static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv();
            if (f == null) {
                break;
            }
            frames.add(f);
        } while (socket.hasReceiveMore());
        return frames;
    }

    /** Validates and parses frames into a message. */
    static Message<?> parse(List<byte[]> frames, HMACGenerator hmac) throws RejectedMessage {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(DELIMITER, frames.get(d))) {
            d++;
        }
        if (d == frames.size()) {
            throw new RejectedMessage("malformed message: no <IDS|MSG> delimiter in " + frames.size() + " frames");
        }
        if (frames.size() < d + 6) {
            throw new RejectedMessage("malformed message: " + (frames.size() - d - 1)
                    + " frames after the delimiter, expected signature, header, parent header, metadata, content");
        }
        byte[] signature = frames.get(d + 1);
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        String expected = hmac.calculateSignature(header, parent, metadata, content);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new RejectedMessage("invalid HMAC signature (message not executed)");
        }
        try {
            return message(frames.subList(0, d), header, parent, metadata, content,
                    new ArrayList<>(frames.subList(d + 6, frames.size())));
        } catch (RuntimeException | StackOverflowError e) {
            // Only JSON that passed the HMAC check gets here, but a signed message may still be malformed (a bad
            // timestamp, a wrong type, deep nesting): any parse failure rejects the message, never the shell thread.
            throw new RejectedMessage("unreadable message JSON: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Message<?> message(List<byte[]> identities, byte[] headerRaw, byte[] parentRaw, byte[] metadataRaw,
                                      byte[] contentRaw, List<byte[]> blobs) {
        Header<?> header = GSON.fromJson(utf8(headerRaw), Header.class);
        Header<?> parent = null;
        JsonElement parentJson = JsonParser.parseString(utf8(parentRaw));
        if (parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()) {
            parent = GSON.fromJson(parentJson, Header.class);
        }
        Map<String, Object> metadata = GSON.fromJson(utf8(metadataRaw), METADATA);
        Object content = GSON.fromJson(utf8(contentRaw), header.getType().getContentType());
        return new Message(new ArrayList<>(identities), header, parent, metadata, content, blobs);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
