package dev.notely.api.rest;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names by which this API may be addressed in a request's {@code Host} (SPEC §17): {@code localhost},
 * loopback addresses, the {@code --host} address (any address of this machine when that is {@code 0.0.0.0}),
 * and the names given with {@code --allowed-host}. A web page that rebinds its own name to 127.0.0.1 still
 * sends that name, so it is refused; an address typed as digits cannot be rebound, so it needs no listing.
 *
 * @param names lower-case host names and addresses, without port or brackets
 * @param anyLocalAddress whether the API listens on every interface, so each address of this machine is its own
 */
public record AllowedHosts(Set<String> names, boolean anyLocalAddress) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public AllowedHosts {
        names = Set.copyOf(names);
    }

    /**
     * @param bindHost the {@code --host} the API listens on
     * @param extra    the {@code --allowed-host} names (a name, or an address)
     * @throws IllegalArgumentException naming an extra that is not a host name
     */
    public static AllowedHosts of(String bindHost, List<String> extra) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        String bind = normalise(bindHost);
        names.add(bind);
        for (String name : extra) {
            String n = normalise(name);
            if (!NAME.matcher(n).matches() && ipLiteral(n).isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' is not a host name: give a name such as "
                        + "notely.test, without scheme or port");
            }
            names.add(n);
        }
        boolean any = ipLiteral(bind).map(InetAddress::isAnyLocalAddress).orElse(false);
        return new AllowedHosts(Set.copyOf(names), any);
    }

    /** Only the loopback names: for servers that listen on 127.0.0.1 and are known by no other name. */
    public static AllowedHosts loopback() {
        return of("127.0.0.1", List.of());
    }

    /**
     * Whether a request's {@code Host} header (a name or address, with or without a port) addresses this API.
     * No header at all (an HTTP/1.0 client; never a browser) is allowed.
     */
    boolean allowsHeader(String header) {
        return header == null || hostOf(header).map(this::allows).orElse(false);
    }

    /** Whether the bare host (no port) names this API. */
    boolean allows(String host) {
        String h = normalise(host);
        if (names.contains(h)) {
            return true;
        }
        Optional<InetAddress> address = ipLiteral(h);
        if (address.isEmpty()) {
            return false;
        }
        if (address.get().isLoopbackAddress()) {
            return true;
        }
        try {
            return anyLocalAddress && NetworkInterface.getByInetAddress(address.get()) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The host part of a {@code Host} header: {@code [::1]:8080} is {@code ::1}, {@code a.b:80} is {@code a.b}. */
    static Optional<String> hostOf(String header) {
        String h = header.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || (end + 1 < h.length() && h.charAt(end + 1) != ':')) {
                return Optional.empty();
            }
            return Optional.of(h.substring(1, end));
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) {
            return Optional.empty(); // an IPv6 address must be in brackets
        }
        return Optional.of(colon < 0 ? h : h.substring(0, colon));
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The address written as digits, never looked up: a name gives empty. */
    private static Optional<InetAddress> ipLiteral(String host) {
        if (!IPV4.matcher(host).matches() && !(host.contains(":") && host.matches("[0-9a-f:.]+"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
