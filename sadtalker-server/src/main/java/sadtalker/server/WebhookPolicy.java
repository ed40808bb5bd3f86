package sadtalker.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which completion-callback URLs a request may name: http or https, no credentials in the URL, and
 * no host that resolves to a refused address. Refused by default: loopback, "this network",
 * link-local (which holds the cloud metadata address 169.254.169.254) and the other metadata
 * addresses, so that a client cannot make the service probe the machine it runs on.
 * {@code --webhook-deny} adds destinations, {@code --webhook-allow} exempts some (an allowed match
 * wins). The address is checked when the request arrives and again before each delivery (a DNS
 * name may change between the two).
 */
final class WebhookPolicy {
    /** Refused unless allowed: loopback, this network, link-local and cloud metadata addresses. */
    static final List<String> DEFAULT_DENY = List.of("127.0.0.0/8", "::1/128", "0.0.0.0/8", "::/128", "169.254.0.0/16",
            "fe80::/10", "100.100.100.200/32", "fd00:ec2::254/128", "metadata.google.internal", "metadata");

    private final List<Destination> deny = new ArrayList<>();
    private final List<Destination> allow = new ArrayList<>();
    private final boolean enabled;

    /**
     * @param secret the signing secret; without one, webhooks are off and requests naming one are refused
     * @param extraDeny destinations refused besides {@link #DEFAULT_DENY}
     * @param allow destinations accepted even if denied
     */
    WebhookPolicy(String secret, List<String> extraDeny, List<String> allow) {
        this.enabled = secret != null && !secret.isBlank();
        DEFAULT_DENY.forEach(d -> deny.add(Destination.parse(d)));
        extraDeny.forEach(d -> deny.add(Destination.parse(d)));
        allow.forEach(a -> this.allow.add(Destination.parse(a)));
    }

    /** No webhooks at all (no secret). */
    static WebhookPolicy off() {
        return new WebhookPolicy(null, List.of(), List.of());
    }

    /** The first problem with {@code destination} as a list entry ("--webhook-deny ..."), or null. */
    static String entryProblem(String destination) {
        try {
            Destination.parse(destination);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** What is wrong with {@code url} as a callback, or null if it may be called. Resolves the host. */
    String problem(String url) {
        if (!enabled) {
            return "webhooks are off on this server (it has no --webhook-secret to sign them with)";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL, got '" + url + "'";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user:password@) in the URL";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "must name a host, got '" + url + "'";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a #fragment";
        }
        return hostProblem(host);
    }

    /** Why {@code host} is refused (by name, or by one of its addresses), or null. */
    String hostProblem(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return "host '" + host + "' cannot be resolved";
        }
        for (InetAddress a : addresses) {
            boolean allowed = allow.stream().anyMatch(d -> d.matches(name, a));
            if (!allowed && deny.stream().anyMatch(d -> d.matches(name, a))) {
                return "host '" + host + "' (" + a.getHostAddress() + ") is a refused destination (loopback, link-local, "
                        + "metadata or --webhook-deny; the operator can exempt it with --webhook-allow)";
            }
        }
        return null;
    }

    /**
     * A host name or a CIDR block. (Hand-written: the JDK has no CIDR match, and commons-net's
     * SubnetUtils knows IPv4 only.)
     */
    private record Destination(String host, byte[] network, int prefix) {
        static Destination parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                throw new IllegalArgumentException("an empty destination");
            }
            boolean literal = t.contains("/") || t.contains(":") || t.matches("[0-9.]+");
            if (!literal) {
                if (!t.matches("[a-z0-9.-]+")) {
                    throw new IllegalArgumentException("'" + text + "' is neither a host name nor a CIDR block");
                }
                return new Destination(t, null, 0);
            }
            String[] parts = t.split("/", 2);
            byte[] net;
            try {
                // Only literals reach here (digits, dots, colons), so this never looks anything up.
                net = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
            }
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + net.length * 8);
            }
            return new Destination(null, net, prefix);
        }

        boolean matches(String name, InetAddress address) {
            if (host != null) {
                String n = name.toLowerCase(Locale.ROOT);
                return n.equals(host) || n.endsWith("." + host);
            }
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
