package org.scjava.kernel.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the kernel's wire-message parser. Half of the inputs are signed with the session key
 * (so the JSON parsing behind the HMAC check is reached, as a client holding the key could send), half with a
 * fuzzed signature (which must never be accepted). The contract: {@link WireMessages#parse} returns a message or
 * throws {@link WireMessages.RejectedMessage}; anything else would end the shell thread. HMAC checking is unchanged.
 */
class WireMessagesFuzzTest {

    private static final HMACGenerator KEY = key();
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static HMACGenerator key() {
        try {
            return new HMACGenerator("hmac-sha256", "fuzz-secret");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "8s")
    @DictionaryEntries({"<IDS|MSG>", "{\"msg_id\":\"1\",\"username\":\"u\",\"session\":\"s\",\"date\":", "\"2024-01-01T00:00:00.000Z\"",
        "\"msg_type\":\"execute_request\"", "\"version\":\"5.3\"}", "{\"code\":\"1+1\",\"silent\":false}", "{}", "null", "[]"})
    void parse(FuzzedDataProvider in) {
        boolean signed = in.consumeBoolean();
        List<byte[]> frames = new ArrayList<>();
        for (int i = in.consumeInt(0, 2); i > 0; i--) {
            frames.add(in.consumeBytes(in.consumeInt(0, 16)));
        }
        if (in.consumeBoolean()) {
            frames.add(DELIMITER);
        }
        byte[][] parts = new byte[4][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = in.consumeBytes(in.consumeInt(0, 400));
        }
        byte[] signature = signed
                ? KEY.calculateSignature(parts[0], parts[1], parts[2], parts[3]).getBytes(StandardCharsets.US_ASCII)
                : in.consumeBytes(64);
        frames.add(signature);
        for (byte[] p : parts) {
            frames.add(p);
        }
        frames.add(in.consumeRemainingAsBytes());
        try {
            WireMessages.parse(frames, KEY);
            if (!signed && !java.util.Arrays.equals(signature,
                    KEY.calculateSignature(parts[0], parts[1], parts[2], parts[3]).getBytes(StandardCharsets.US_ASCII))) {
                throw new AssertionError("a message with a wrong signature was accepted");
            }
        } catch (WireMessages.RejectedMessage expected) {
            // refused and logged by the shell loop
        }
    }
}
