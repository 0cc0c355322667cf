package dev.notely.api.rpc;

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
 * A minimal HTTP/1.1 client for the data-proxy wire: POST a JSON body to {@code 127.0.0.1:port/} over
 * kept-alive sockets. The wire is loopback-only and both ends are ours, so this replaces a general
 * HTTP client whose thread hand-offs cost more than the call itself. Safe for use from many threads:
 * each call takes a connection of its own from a small idle pool.
 */
final class LoopbackHttp implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_IDLE = 32;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The server answered with something other than 200 and a body. */
    static final class BadResponseException extends IOException {
        BadResponseException(String message) {
            super(message);
        }
    }

    private final InetSocketAddress address;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    LoopbackHttp(int port) {
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Sends {@code body} and returns the response body.
     *
     * @throws java.net.ConnectException      when nothing listens on the port
     * @throws java.net.SocketTimeoutException when no answer came within {@code timeout}
     */
    String post(String body, Duration timeout) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Connection reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, payload, timeout);
            } catch (EOFException stale) {
                // The server closed this idle connection before our request reached it: send it anew.
                reused.close();
            }
        }
        return exchange(open(), payload, timeout);
    }

    private String exchange(Connection connection, byte[] payload, Duration timeout) throws IOException {
        boolean keep = false;
        try {
            connection.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            String head = "POST / HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
            connection.out.write(head.getBytes(StandardCharsets.US_ASCII));
            connection.out.write(payload);
            connection.out.flush();
            Response response = read(connection.in);
            keep = response.keepAlive;
            if (response.status != 200) {
                throw new BadResponseException("HTTP " + response.status + ": " + response.body);
            }
            return response.body;
        } finally {
            if (keep) {
                giveBack(connection);
            } else {
                connection.close();
            }
        }
    }

    private record Response(int status, boolean keepAlive, String body) {
    }

    private static Response read(InputStream in) throws IOException {
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
        if (chunked) {
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
        return new Response(status, keepAlive, new String(body, StandardCharsets.UTF_8));
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
