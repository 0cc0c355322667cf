package dev.notely.api.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP/1.1 with kept-alive connections to one of the kit's own servers (a data proxy, or the REST API
 * for the simulated users), on Apache HttpClient. Nothing is retried: a call that may have reached the
 * server is never sent twice; a pooled connection idle for a while is checked before it is used again.
 * Safe for use from many threads.
 */
public final class LoopbackHttp implements AutoCloseable {

    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);
    private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);
    private static final int MAX_CONNECTIONS = 256;

    /** A status code and the body as text. */
    public record Response(int status, String body) {
    }

    private final String base;
    private final CloseableHttpClient client;

    /**
     * @param headers sent with every request (such as the proxy wire's secret)
     */
    public LoopbackHttp(String host, int port, Map<String, String> headers) {
        this.base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT)
                        .setValidateAfterInactivity(CHECK_AFTER_IDLE).build())
                .build();
        List<Header> defaults = headers.entrySet().stream()
                .<Header>map(h -> new BasicHeader(h.getKey(), h.getValue())).toList();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultHeaders(defaults)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    public LoopbackHttp(String host, int port) {
        this(host, port, Map.of());
    }

    /**
     * Sends one request and returns the response, whatever its status.
     *
     * @param body a JSON body, or {@code null} for none
     * @throws java.net.ConnectException       when nothing listens on the port
     * @throws java.net.SocketTimeoutException when no answer came within {@code timeout}
     */
    public Response send(String method, String path, String body, Duration timeout) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(base + path));
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        return client.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            return new Response(response.getCode(), entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8));
        });
    }

    /** Closes the kept-alive connections at once. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
