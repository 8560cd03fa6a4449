package org.scjava.kernel.transport;

import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireMessagesTest {

    private static final String HEADER = "{\"msg_id\":\"1\",\"username\":\"u\",\"session\":\"s\",\"date\":"
            + "\"2024-01-01T00:00:00.000Z\",\"msg_type\":\"execute_request\",\"version\":\"5.3\"}";
    private static final String CONTENT = "{\"code\":\"1+1\",\"silent\":false,\"store_history\":true,"
            + "\"user_expressions\":{},\"allow_stdin\":false,\"stop_on_error\":true}";

    private static List<byte[]> frames(HMACGenerator signer, String header, String content) {
        byte[][] parts = {b(header), b("{}"), b("{}"), b(content)};
        List<byte[]> f = new ArrayList<>();
        f.add(b("client-identity"));
        f.add(b("<IDS|MSG>"));
        f.add(b(signer.calculateSignature(parts)));
        f.addAll(List.of(parts));
        return f;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedRequestIsParsed() throws Exception {
        HMACGenerator key = new HMACGenerator("hmac-sha256", "secret");
        Message<?> m = WireMessages.parse(frames(key, HEADER, CONTENT), key);
        assertThat(m.getHeader().getType()).isEqualTo(MessageType.EXECUTE_REQUEST);
        assertThat(((ExecuteRequest) m.getContent()).getCode()).isEqualTo("1+1");
        assertThat(new String(m.getIdentities().get(0), StandardCharsets.UTF_8)).isEqualTo("client-identity");
    }

    @Test
    void aWrongSignatureIsRejectedBeforeParsing() throws Exception {
        HMACGenerator key = new HMACGenerator("hmac-sha256", "secret");
        HMACGenerator forger = new HMACGenerator("hmac-sha256", "guess");
        assertThatThrownBy(() -> WireMessages.parse(frames(forger, HEADER, CONTENT), key))
                .isInstanceOf(WireMessages.RejectedMessage.class).hasMessageContaining("invalid HMAC signature");
        // also when the JSON is garbage: the signature is checked first
        assertThatThrownBy(() -> WireMessages.parse(frames(forger, "not json", CONTENT), key))
                .hasMessageContaining("invalid HMAC signature");
    }

    @Test
    void malformedMessagesAreRejectedWithAReason() throws Exception {
        HMACGenerator key = new HMACGenerator("hmac-sha256", "secret");
        assertThatThrownBy(() -> WireMessages.parse(List.of(b("a"), b("b")), key))
                .isInstanceOf(WireMessages.RejectedMessage.class).hasMessageContaining("no <IDS|MSG> delimiter");
        List<byte[]> shortMessage = frames(key, HEADER, CONTENT).subList(0, 5);
        assertThatThrownBy(() -> WireMessages.parse(shortMessage, key)).hasMessageContaining("frames after the delimiter");
        assertThatThrownBy(() -> WireMessages.parse(frames(key, "{\"msg_id\":1}", CONTENT), key))
                .hasMessageContaining("unreadable message JSON");
    }
}
