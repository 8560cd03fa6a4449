package org.scjava.kernel.transport;

import org.dflib.jjava.jupyter.channels.HeartbeatChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.zeromq.ZMQ;

/** Echoes heartbeats as they arrive (JJava's heartbeat loop sleeps 500 ms between polls). */
final class HeartbeatSocket extends HeartbeatChannel {

    private static final int RECEIVE_TIMEOUT_MILLIS = 100;

    private volatile boolean running;
    private Thread thread;

    HeartbeatSocket(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        super.bind(formatAddress(props.getTransport(), props.getIp(), props.getHbPort()));
        setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        running = true;
        thread = new Thread(this::loop, "scjava-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                byte[] ping = recv();
                if (ping != null) {
                    send(ping);
                }
            }
        } finally {
            super.close();
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public void waitUntilClose() {
        KernelConnection.join(thread);
    }
}
