package dev.sessionauth.session;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What session protection compares between a session's password proof and a later request: the client's network
 * (/24 for IPv4, /64 for IPv6, so a new address from the same provider's pool passes) and browser family (so a browser
 * update passes). Coarse on purpose: it catches a cookie replayed from elsewhere, not a determined copy of both.
 */
public final class ClientFingerprint {

    static final String UNKNOWN = "unknown";
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    private ClientFingerprint() {
    }

    /** The network of an IP address literal, e.g. 192.0.2.0/24; "unknown" for anything else. */
    public static String network(String ipAddress) {
        if (ipAddress == null || !(IPV4.matcher(ipAddress).matches() || IPV6.matcher(ipAddress).matches())) {
            return UNKNOWN;
        }
        try {
            // A literal only (the patterns above refuse host names), so this never asks DNS.
            InetAddress address = InetAddress.getByName(ipAddress);
            if (address instanceof Inet4Address) {
                return masked(address.getAddress(), 3) + "/24";
            }
            if (address instanceof Inet6Address) {
                return masked(address.getAddress(), 8) + "/64";
            }
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static String masked(byte[] address, int keptBytes) {
        byte[] network = Arrays.copyOf(Arrays.copyOf(address, keptBytes), address.length);
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }

    /** The browser family named by a User-Agent header, without versions: edge, opera, chrome, firefox, safari, ... */
    public static String browserFamily(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        // Order matters: Edge and Opera also name Chrome, Chrome also names Safari.
        if (agent.contains("edg/") || agent.contains("edge/")) {
            return "edge";
        }
        if (agent.contains("opr/") || agent.contains("opera")) {
            return "opera";
        }
        if (agent.contains("firefox/")) {
            return "firefox";
        }
        if (agent.contains("chrome/") || agent.contains("chromium/")) {
            return "chrome";
        }
        if (agent.contains("safari/")) {
            return "safari";
        }
        int slash = agent.indexOf('/');
        String product = slash > 0 ? agent.substring(0, slash) : agent;
        return product.length() > 32 ? product.substring(0, 32) : product;
    }
}
