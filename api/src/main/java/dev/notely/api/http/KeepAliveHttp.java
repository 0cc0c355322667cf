package dev.notely.api.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over kept-alive sockets, for the kit's own servers: the data-proxy wire and
 * the simulated users. Both ends are ours, so this replaces a general HTTP client whose thread
 * hand-offs cost more than a whole loopback call. Safe for use from many threads: each call takes a
 * connection of its own from a small idle pool.
 */
public final class KeepAliveHttp implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_IDLE = 128;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The server's answer was not readable HTTP. */
    public static final class BadResponseException extends IOException {
        BadResponseException(String message) {
            super(message);
        }
    }

    /** A status code and the body as text. */
    public record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /** A client for the server at {@code host:port}; the host is resolved once. */
    public KeepAliveHttp(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /** A client for a server on this machine's loopback address. */
    public static KeepAliveHttp loopback(int port) {
        return new KeepAliveHttp(InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /**
     * Sends one request and returns the response, whatever its status.
     *
     * @param body a JSON body, or {@code null} for none
     * @throws java.net.ConnectException      when nothing listens on the port
     * @throws java.net.SocketTimeoutException when no answer came within {@code timeout}
     */
    public Response send(String method, String path, String body, Duration timeout) throws IOException {
        byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        Connection reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, method, path, payload, timeout);
            } catch (EOFException stale) {
                // The server closed this idle connection before our request reached it: send it anew.
                reused.close();
            }
        }
        return exchange(open(), method, path, payload, timeout);
    }

    private Response exchange(Connection connection, String method, String path, byte[] payload, Duration timeout)
            throws IOException {
        boolean keep = false;
        try {
            connection.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(address.getHostString()).append(':').append(address.getPort())
                    .append("\r\n");
            if (payload != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            } else if (!method.equals("GET") && !method.equals("DELETE")) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            connection.out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (payload != null) {
                connection.out.write(payload);
            }
            connection.out.flush();
            Raw response = read(connection.in, method.equals("HEAD"));
            keep = response.keepAlive;
            return new Response(response.status, response.body);
        } finally {
            if (keep) {
                giveBack(connection);
            } else {
                connection.close();
            }
        }
    }

    private record Raw(int status, boolean keepAlive, String body) {
    }

    private static Raw read(InputStream in, boolean headOnly) throws IOException {
        String statusLine = line(in, true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new BadResponseException("not an HTTP response: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new BadResponseException("bad status line: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        int headerBytes = 0;
        for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
            headerBytes += header.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new BadResponseException("response headers too large");
            }
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (headOnly || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked(in);
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("connection closed in the middle of a response");
            }
        } else {
            body = in.readAllBytes();
            keepAlive = false;
        }
        return new Raw(status, keepAlive, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, false);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line(in, false).isEmpty()) {
                    // trailers: none expected, skip them
                }
                return out.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("connection closed in the middle of a response");
            }
            out.write(chunk);
            line(in, false);
        }
    }

    /** One CRLF-terminated line; EOF before the first byte of a response is an {@link EOFException}. */
    private static String line(InputStream in, boolean first) throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && s.length() == 0) {
                    throw new EOFException("connection closed by the data proxy");
                }
                throw new IOException("connection closed in the middle of a response");
            }
            if (b == '\n') {
                int end = s.length();
                if (end > 0 && s.charAt(end - 1) == '\r') {
                    s.setLength(end - 1);
                }
                return s.toString();
            }
            s.append((char) b);
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return new Connection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private Connection takeIdle() {
        synchronized (idle) {
            return idle.pollFirst();
        }
    }

    private void giveBack(Connection connection) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Connection::close);
            idle.clear();
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do about it
            }
        }
    }
}
