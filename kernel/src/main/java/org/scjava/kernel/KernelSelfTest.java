package org.scjava.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.scjava.kernel.transport.KernelConnection;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Starts a kernel in this JVM on free local ports and drives it over ZeroMQ like a Jupyter client: kernel info,
 * a few cells (an expression, a Tablesaw table, an XChart chart, a magic, an error), then shutdown. Used by
 * {@code ./scjava install-kernel} as the training run of the startup archive (so the archive holds the classes a
 * real session loads) and as a check that the installed kernel works.
 */
public final class KernelSelfTest {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_TIMEOUT_MILLIS = 120_000;
    static final List<String> CELLS = List.of(
            "1 + 1",
            "var t = Table.create(\"t\", StringColumn.create(\"gene\", \"CD3E\", \"MS4A1\"), "
                    + "DoubleColumn.create(\"score\", 1.5, 2.5));\nt",
            "var c = new XYChartBuilder().width(200).height(150).build();\nc.addSeries(\"s\", new double[] {1, 2}, "
                    + "new double[] {3, 4});\nc",
            "%who",
            "t.column(\"missing\")",
            "display(t.rowCount());");

    private final String key = UUID.randomUUID().toString();
    private final String session = UUID.randomUUID().toString();
    private HMACGenerator hmac;

    private KernelSelfTest() {
    }

    public static void main(String[] args) throws Exception {
        LogSetup.logToStderr();
        List<String> failures = new KernelSelfTest().run();
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("self-test: " + f));
            System.exit(1);
        }
        System.out.println("self-test passed: kernel info, " + CELLS.size() + " cells, shutdown");
        System.exit(0);
    }

    /** Runs the exchange; returns what went wrong (empty when all replies are as expected). */
    List<String> run() throws Exception {
        int[] ports = freePorts(5);
        KernelConnectionProperties props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2],
                ports[3], ports[4], "tcp", "hmac-sha256", key);
        hmac = props.createHMACGenerator();
        KernelConnection connection = ScjavaKernel.serve(props);
        Thread server = new Thread(connection::waitUntilClose, "self-test-kernel");
        server.start();
        List<String> failures = new ArrayList<>();
        try (ZMQ.Context ctx = ZMQ.context(1); ZMQ.Socket shell = ctx.socket(SocketType.DEALER);
             ZMQ.Socket control = ctx.socket(SocketType.DEALER)) {
            shell.setReceiveTimeOut(REPLY_TIMEOUT_MILLIS);
            control.setReceiveTimeOut(REPLY_TIMEOUT_MILLIS);
            shell.connect("tcp://127.0.0.1:" + ports[1]);
            control.connect("tcp://127.0.0.1:" + ports[0]);
            expect(failures, request(shell, "kernel_info_request", new JsonObject()), "kernel_info_reply", "ok");
            for (String cell : CELLS) {
                JsonObject content = new JsonObject();
                content.addProperty("code", cell);
                content.addProperty("silent", false);
                String status = cell.contains("missing") ? "error" : "ok";
                expect(failures, request(shell, "execute_request", content), "execute_reply", status);
            }
            JsonObject shutdown = new JsonObject();
            shutdown.addProperty("restart", false);
            expect(failures, request(control, "shutdown_request", shutdown), "shutdown_reply", null);
        }
        server.join(REPLY_TIMEOUT_MILLIS);
        return failures;
    }

    private static void expect(List<String> failures, JsonObject[] reply, String type, String status) {
        if (reply == null) {
            failures.add("no " + type + " within " + REPLY_TIMEOUT_MILLIS / 1000 + " s");
            return;
        }
        String got = reply[0].get("msg_type").getAsString();
        String gotStatus = reply[1].has("status") ? reply[1].get("status").getAsString() : null;
        if (!got.equals(type) || (status != null && !status.equals(gotStatus))) {
            failures.add("expected " + type + " with status " + status + ", got " + got + " " + reply[1]);
        }
    }

    /** Sends a signed request and returns the reply's header and content, or null on timeout. */
    private JsonObject[] request(ZMQ.Socket socket, String type, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("username", "self-test");
        header.addProperty("session", session);
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[][] parts = {bytes(header.toString()), bytes("{}"), bytes("{}"), bytes(content.toString())};
        socket.sendMore(DELIMITER);
        socket.sendMore(hmac.calculateSignature(parts));
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv();
            if (f == null) {
                return null;
            }
            frames.add(f);
        } while (socket.hasReceiveMore());
        int d = 0;
        while (d < frames.size() && !java.util.Arrays.equals(frames.get(d), DELIMITER)) {
            d++;
        }
        return new JsonObject[] {parse(frames.get(d + 2)), parse(frames.get(d + 5))};
    }

    private static JsonObject parse(byte[] json) {
        return JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
