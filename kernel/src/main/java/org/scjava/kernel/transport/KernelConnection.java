package org.scjava.kernel.transport;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CountDownLatch;

/**
 * The kernel's five Jupyter sockets, bound exactly to the transport, address and ports of the connection file.
 * Shell, control and heartbeat are {@link ShellSocket}/{@link HeartbeatSocket}; iopub and stdin are JJava's.
 * {@link #close()} only signals (it may be called from the shell thread handling a shutdown request);
 * {@link #waitUntilClose()} then stops the threads and closes the sockets in order, so the last replies go out.
 */
public final class KernelConnection extends JupyterConnection {

    private static final Logger LOG = LoggerFactory.getLogger(KernelConnection.class);

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ShellSocket shellSocket;
    private final ShellSocket controlSocket;
    private final HeartbeatSocket heartbeatSocket;
    private final CountDownLatch closing = new CountDownLatch(1);

    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        if (!"tcp".equals(props.getTransport())) {
            throw new IllegalArgumentException("connection file asks for transport '" + props.getTransport()
                    + "'; the scjava kernel supports tcp only");
        }
        this.props = props;
        HMACGenerator hmac = props.createHMACGenerator();
        this.shellSocket = new ShellSocket(context, hmac, false, this);
        this.controlSocket = new ShellSocket(context, hmac, true, this);
        this.heartbeatSocket = new HeartbeatSocket(context, hmac);
    }

    @Override
    public void connect() {
        heartbeatSocket.bind(props);
        iopub.bind(props);
        stdin.bind(props);
        controlSocket.bind(props);
        shellSocket.bind(props);
        LOG.info("kernel listening on {} (shell {}, control {}, iopub {}, stdin {}, heartbeat {})", props.getIp(),
                props.getShellPort(), props.getControlPort(), props.getIopubPort(), props.getStdinPort(), props.getHbPort());
        getIOPub().sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public void close() {
        shellSocket.stop();
        controlSocket.stop();
        heartbeatSocket.stop();
        closing.countDown();
    }

    @Override
    public void waitUntilClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shellSocket.waitUntilClose();
        controlSocket.waitUntilClose();
        heartbeatSocket.waitUntilClose();
        super.close();
        context.close();
    }

    /** Waits for a channel's thread to end (not when called from that thread: it ends once its handler returns). */
    static void join(Thread t) {
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
