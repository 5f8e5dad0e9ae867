package dev.sessionauth.session;

/** Where a login came from, kept with the session so its owner can recognise it. */
public record ClientInfo(String ipAddress, String userAgent) {

    private static final int MAX_IP_LENGTH = 45;
    private static final int MAX_USER_AGENT_LENGTH = 512;

    public ClientInfo {
        ipAddress = truncate(ipAddress, MAX_IP_LENGTH);
        userAgent = truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }

    private static String truncate(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
