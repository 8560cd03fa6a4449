package org.scjava.kernel.transport;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

import java.util.List;

/**
 * The shell or control channel. Replaces JJava's loop, which polls without waiting and then sleeps a fixed 50 ms
 * (adding up to 50 ms to every request) and dies on the first message with a bad signature: this thread blocks in
 * {@code poll} until a message arrives (waking at once), and a rejected or failing message is logged and skipped.
 */
final class ShellSocket extends ShellChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ShellSocket.class);
    /** How long a poll waits before re-checking whether the channel was closed. */
    private static final int POLL_MILLIS = 100;

    private final String channel;
    private final JupyterConnection connection;
    private final HMACGenerator hmac;
    private volatile boolean running;
    private Thread thread;

    ShellSocket(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(context, hmac, control, connection);
        this.channel = control ? "control" : "shell";
        this.connection = connection;
        this.hmac = hmac;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        String address = formatAddress(props.getTransport(), props.getIp(),
                channel.equals("control") ? props.getControlPort() : props.getShellPort());
        super.bind(address);
        running = true;
        thread = new Thread(this::loop, "scjava-" + channel);
        thread.start();
    }

    private void loop() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (running) {
                if (poller.poll(POLL_MILLIS) <= 0) {
                    continue;
                }
                List<byte[]> frames = WireMessages.receiveFrames(this);
                Message<?> message;
                try {
                    message = WireMessages.parse(frames, hmac);
                } catch (WireMessages.RejectedMessage e) {
                    LOG.warn("{} channel rejected a message: {}", channel, e.getMessage());
                    continue;
                }
                dispatch(message);
            }
        } finally {
            poller.close();
            super.close();
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void dispatch(Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warn("{} channel: no handler for {}", channel, message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Throwable t) {
            LOG.error("{} channel: handling {} failed", channel, message.getHeader().getType().getName(), t);
        } finally {
            try {
                env.resolveDeferrals();
            } catch (RuntimeException e) {
                LOG.error("{} channel: sending the replies to {} failed", channel, message.getHeader().getType().getName(), e);
            }
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    /** Asks the loop to end; the socket is closed by the loop's own thread. */
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
