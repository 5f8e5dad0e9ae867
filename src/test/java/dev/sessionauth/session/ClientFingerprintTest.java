package dev.sessionauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientFingerprintTest {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    private static final String EDGE = CHROME + " Edg/120.0.2210.91";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    private static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.2 Safari/605.1.15";

    @Test
    void shouldGroupIpv4AddressesBySlash24() {
        assertEquals("198.51.100.0/24", ClientFingerprint.network("198.51.100.7"));
        assertEquals(ClientFingerprint.network("198.51.100.7"), ClientFingerprint.network("198.51.100.250"));
        assertNotEquals(ClientFingerprint.network("198.51.100.7"), ClientFingerprint.network("198.51.101.7"));
    }

    @Test
    void shouldGroupIpv6AddressesBySlash64() {
        assertEquals(ClientFingerprint.network("2001:db8:1:2:3::4"), ClientFingerprint.network("2001:db8:1:2:ffff::1"));
        assertNotEquals(ClientFingerprint.network("2001:db8:1:2::1"), ClientFingerprint.network("2001:db8:1:3::1"));
    }

    @Test
    void shouldNeverResolveANameOrAcceptGarbage() {
        assertEquals("unknown", ClientFingerprint.network("localhost"));
        assertEquals("unknown", ClientFingerprint.network("example.com"));
        assertEquals("unknown", ClientFingerprint.network(null));
        assertEquals("unknown", ClientFingerprint.network("999.1.1.1"));
    }

    @Test
    void shouldNameTheBrowserFamilyWithoutItsVersion() {
        assertEquals("chrome", ClientFingerprint.browserFamily(CHROME));
        assertEquals("edge", ClientFingerprint.browserFamily(EDGE));
        assertEquals("firefox", ClientFingerprint.browserFamily(FIREFOX));
        assertEquals("safari", ClientFingerprint.browserFamily(SAFARI));
        assertEquals("curl", ClientFingerprint.browserFamily("curl/8.5.0"));
        assertEquals("unknown", ClientFingerprint.browserFamily(null));
        assertEquals(ClientFingerprint.browserFamily(CHROME),
                ClientFingerprint.browserFamily(CHROME.replace("120.0.0.0", "121.0.6167.85")));
    }
}
