package social.chorus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Free loopback ports for instances whose ids must name their port before they listen. */
public final class TestPorts {
    private TestPorts() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A loopback port that refuses connections for as long as it is held. A port that was merely
     * free when chosen can be taken meanwhile by any process that binds port 0 (another test's
     * server): a "dead host" would then answer. This one stays bound, without listening, so
     * connecting gets "connection refused" and nothing else can bind it until {@link #close()}.
     */
    public static ClosedPort closed() {
        Socket holder = new Socket();
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new ClosedPort(holder);
        } catch (IOException e) {
            try {
                holder.close();
            } catch (IOException ignored) {
                // nothing was bound
            }
            throw new UncheckedIOException(e);
        }
    }

    /** A held, non-listening loopback port; close it to let a server bind it. */
    public static final class ClosedPort implements AutoCloseable {
        private final Socket holder;
        private final int port;

        private ClosedPort(Socket holder) {
            this.holder = holder;
            this.port = holder.getLocalPort();
        }

        public int port() {
            return port;
        }

        @Override
        public void close() {
            try {
                holder.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
