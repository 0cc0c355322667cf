package dev.notely.api.rest;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps web pages out of the attendee's API (SPEC §17), before any route, body or error handling: a request
 * whose {@code Host} is not this API's own gets 421 (DNS rebinding), one a browser sends on behalf of
 * another site ({@code Origin} of another origin, or {@code Sec-Fetch-Site: cross-site}) gets 403. Browsers
 * send these headers without asking the API first, so a plain form or {@code fetch} from any page would
 * otherwise deploy, delete or read notes. curl and the kit's own clients send no {@code Origin}.
 */
final class LocalCallersHandler implements HttpHandler {

    static final HttpString SEC_FETCH_SITE = HttpString.tryFromString("Sec-Fetch-Site");

    /** Set on a request this handler refused, so the metrics leave it out of the kit's figures. */
    static final AttachmentKey<Boolean> REFUSED = AttachmentKey.create(Boolean.class);

    private static final Logger log = LoggerFactory.getLogger("api");

    private final AllowedHosts hosts;
    private final HttpHandler next;

    LocalCallersHandler(AllowedHosts hosts, HttpHandler next) {
        this.hosts = hosts;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (!hosts.allowsHeader(host)) {
            refuse(exchange, 421, "Host '" + host + "' is not this kit's API (a web page may be reaching it through "
                    + "DNS rebinding): use http://127.0.0.1:" + localPort(exchange) + ", or start the kit with "
                    + "--allowed-host NAME if that name is yours");
            return;
        }
        Optional<String> crossSite = crossSite(exchange);
        if (crossSite.isPresent()) {
            refuse(exchange, 403, "refused a request sent by a web page from " + crossSite.get() + ": the kit's API "
                    + "answers curl, requests.http and the kit itself, not other sites");
            return;
        }
        next.handleRequest(exchange);
    }

    /** The other site a browser sent this request for, or empty when it is not cross-site. */
    private Optional<String> crossSite(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !sameOrigin(origin, localPort(exchange))) {
            return Optional.of("Origin " + origin);
        }
        String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
        if (site != null && site.trim().toLowerCase(Locale.ROOT).equals("cross-site")) {
            return Optional.of("another site (Sec-Fetch-Site: cross-site)");
        }
        return Optional.empty();
    }

    /** Whether {@code origin} is this API itself: http, one of its host names, the port it was reached on. */
    private boolean sameOrigin(String origin, int port) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false; // "null" from a sandboxed page or a file, or nonsense: not us
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        int originPort = uri.getPort() < 0 ? 80 : uri.getPort();
        return originPort == port && hosts.allows(uri.getHost());
    }

    private static int localPort(HttpServerExchange exchange) {
        InetSocketAddress local = exchange.getDestinationAddress();
        return local == null ? -1 : local.getPort();
    }

    private static void refuse(HttpServerExchange exchange, int status, String message) {
        // Not the attendee's own mistake and not a failing kit: a warning in the log, outside the figures.
        exchange.putAttachment(REFUSED, Boolean.TRUE);
        log.warn("{} {} refused with {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), status, message);
        // The body, if any, is never read: this connection is closed after the answer rather than drained.
        exchange.setPersistent(false);
        Exchanges.error(exchange, status, message);
    }
}
