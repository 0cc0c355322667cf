package dev.notely.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback port that forwards every connection to a server, and can be {@link #cut} (every connection
 * closed, new ones reset) or {@link #silence}d (nothing gets through, nothing is refused), and {@link
 * #restore}d: to the clients, a database server that went away and came back, while the real one keeps
 * running for everyone else. The port stays bound throughout, so no other socket can take it meanwhile.
 */
public final class TcpForwarder implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/");
    private static final int DEFAULT_PORT = 5432;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private volatile boolean silent;
    private volatile boolean refusing;

    public TcpForwarder(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        this.listener = listen();
        this.port = listener.getLocalPort();
        accept();
    }

    /** A forwarder to the server of {@code jdbcUrl} ({@code jdbc:postgresql://HOST[:PORT]/...}). */
    public static TcpForwarder toServerOf(String jdbcUrl) throws IOException {
        Matcher m = SERVER.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("no HOST:PORT in " + PostgresDatabase.redacted(jdbcUrl));
        }
        return new TcpForwarder(m.group(1), m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2)));
    }

    /** {@code jdbcUrl} with its server replaced by this forwarder. */
    public String reroute(String jdbcUrl) {
        return SERVER.matcher(jdbcUrl).replaceFirst("jdbc:postgresql://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** Closes every forwarded connection, and resets every new one until {@link #restore}. */
    public synchronized void cut() throws IOException {
        refusing = true;
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /**
     * Lets nothing through any more, in either direction, but closes nothing: a server whose machine vanished
     * from the network, which neither answers nor refuses. {@link #cut} then {@link #restore} ends it.
     */
    public void silence() {
        silent = true;
    }

    /** Accepts and forwards again. */
    public synchronized void restore() {
        silent = false;
        refusing = false;
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private void accept() {
        daemon("forwarder-accept-" + port, () -> {
            while (!listener.isClosed()) {
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException e) {
                    return; // closed
                }
                forward(client);
            }
        });
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        synchronized (this) {
            if (refusing) { // a server that is gone: the connection is reset at once
                try {
                    client.setSoLinger(true, 0);
                } catch (IOException e) {
                    // closing it is what matters
                }
                closeQuietly(client);
                return;
            }
            sockets.add(client);
            sockets.add(server);
        }
        try {
            server.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client, server);
            return;
        }
        daemon("forwarder-up", () -> pump(client, server));
        daemon("forwarder-down", () -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (!silent) { // a silent server's packets are lost: no answer, and no refusal either
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed or was cut; the other goes with it
        } finally {
            closeQuietly(from, to);
        }
    }

    private void closeQuietly(Socket... pair) {
        for (Socket s : pair) {
            sockets.remove(s);
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }
}
