package io.laurel.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * Where a task may be sent: an empty hostname is this service's internal base URL; anything else must be one of the
 * allow-listed origins exactly (scheme, host and port), over http or https, without credentials, path, query or
 * fragment. There is no DNS lookup and no number parsing of hosts: "2130706433", "0x7f000001", "[::1]" or a name that
 * points at a metadata address are simply not on the list.
 */
public final class TargetUrl {

    private final String internal;
    private final Set<String> allowed;

    public TargetUrl(String internal, List<String> allowed) {
        this.internal = origin(internal);
        this.allowed = allowed.stream().filter(a -> !a.isBlank()).map(TargetUrl::origin).collect(Collectors.toSet());
    }

    /** Whether {@code origin} (as {@link #resolve} answers it) is this service itself. */
    public boolean isInternal(String origin) {
        return internal.equals(origin);
    }

    /** The origin to send to, or a 400 naming the hostname. */
    public String resolve(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            return internal;
        }
        String origin;
        try {
            origin = origin(hostname);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        if (!allowed.contains(origin) && !origin.equals(internal)) {
            throw refused("hostname is not one of the allowed hosts");
        }
        return origin;
    }

    private static RuntimeException refused(String why) {
        return ErrorCode.INVALID_INPUT.exception("IntouchAPITask-Payload " + why,
                "payload.IntouchAPITask-Payload.hostname");
    }

    /** scheme://host:port in lower case, with the default port made explicit. */
    public static String origin(String url) {
        return origin(url, false);
    }

    /**
     * The origin of a full URL (a path and query allowed: a webhook's target) under the same rules otherwise: http or
     * https, a host, no credentials, no fragment.
     */
    public static String originOfUrl(String url) {
        return origin(url, true);
    }

    private static String origin(String url, boolean pathAllowed) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hostname is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("hostname must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("hostname must not carry credentials");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("hostname has no host");
        }
        if (uri.getRawFragment() != null || !pathAllowed && (uri.getRawQuery() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("hostname must be a base URL without path, query or fragment");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
