package dev.notely.app;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/**
 * The floor for the kit's HTTP figures: Undertow (the kit's version) answering a short body from its IO
 * thread, with the kit's listener settings (2 IO threads, TCP_NODELAY), and nothing else.
 */
public final class HelloServer implements AutoCloseable {

    private final Undertow server;
    public final int port;

    private HelloServer(Undertow server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on a free loopback port. */
    public static HelloServer start() {
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(2)
                .setSocketOption(org.xnio.Options.TCP_NODELAY, true)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send("hello");
                })
                .build();
        server.start();
        return new HelloServer(server, ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
    }

    public static String undertowVersion() {
        return io.undertow.Version.getVersionString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
