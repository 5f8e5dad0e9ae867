package dev.sessionauth.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates hostile HTTP requests from a seed: the same seed and identities give the same requests, byte for byte.
 * Each request attacks one aspect (credentials, JSON or form body, headers, sizes, method, path, framing,
 * injection) of a route of the API, a static or operations route, or an unknown path; everything else about it is
 * ordinary, so the attack reaches as deep into the service as it can.
 */
final class HostileRequests {

    /** Past the limits of application.properties: quarkus.http.limits.max-header-size and max-body-size. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Vert.x's default limit on the request line (quarkus.http.limits.max-initial-line-length). */
    static final int MAX_REQUEST_LINE = 4096;
    /** Headers this large may or may not pass the limit (Netty counts them its own way): the HTTP layer decides. */
    private static final int HEADER_LIMIT_ZONE = MAX_HEADER_BYTES - 512;

    /** The kind of body a route reads. */
    enum Body {
        NONE,
        JSON,
        FORM
    }

    /** A route as the resources declare it; {id}, {name} and {userId} are filled in per request. */
    record Route(String method, String path, Body body) {

        String signature() {
            return method + " " + path;
        }
    }

    private static final String REAUTHENTICATE = "/api/v1/auth_session/reauthenticate";
    private static final String GROUPS = "/api/v1/groups";

    /** Every route of the API; HostileInputTest checks this list against the OpenAPI document. */
    static final List<Route> API_ROUTES = List.of(
            new Route("GET", "/api/v1/status", Body.NONE),
            new Route("GET", "/api/v1/stats", Body.NONE),
            new Route("GET", "/api/v1/unauthorized", Body.NONE),
            new Route("GET", "/api/v1/forbidden", Body.NONE),
            new Route("GET", "/api/v1/users", Body.NONE),
            new Route("POST", "/api/v1/users", Body.JSON),
            new Route("GET", "/api/v1/users/{id}", Body.NONE),
            new Route("PUT", "/api/v1/users/{id}", Body.JSON),
            new Route("DELETE", "/api/v1/users/{id}", Body.NONE),
            new Route("PUT", "/api/v1/users/me/password", Body.JSON),
            new Route("DELETE", "/api/v1/users/{id}/sessions", Body.NONE),
            new Route("POST", "/api/v1/auth_session/login", Body.FORM),
            new Route("DELETE", "/api/v1/auth_session/logout", Body.NONE),
            new Route("GET", "/api/v1/auth_session/sessions", Body.NONE),
            new Route("DELETE", "/api/v1/auth_session/sessions", Body.NONE),
            new Route("DELETE", "/api/v1/auth_session/sessions/{id}", Body.NONE),
            new Route("GET", "/api/v1/auth_session/verify", Body.NONE),
            new Route("DELETE", "/api/v1/users/{id}/tokens", Body.NONE),
            new Route("POST", "/api/v1/tokens", Body.JSON),
            new Route("GET", "/api/v1/tokens", Body.NONE),
            new Route("DELETE", "/api/v1/tokens/{id}", Body.NONE),
            new Route("POST", "/api/v1/auth_session/reauthenticate", Body.FORM),
            new Route("POST", "/api/v1/auth_session/test_login", Body.JSON),
            new Route("POST", "/api/v1/auth_session/password_reset", Body.JSON),
            new Route("DELETE", "/api/v1/users/{id}/lockout", Body.NONE),
            new Route("POST", "/api/v1/users/{id}/password_reset", Body.NONE),
            new Route("GET", "/api/v1/groups", Body.NONE),
            new Route("POST", "/api/v1/groups", Body.JSON),
            new Route("GET", "/api/v1/groups/{name}", Body.NONE),
            new Route("DELETE", "/api/v1/groups/{name}", Body.NONE),
            new Route("GET", "/api/v1/groups/{name}/members", Body.NONE),
            new Route("PUT", "/api/v1/groups/{name}/members/{userId}", Body.NONE),
            new Route("DELETE", "/api/v1/groups/{name}/members/{userId}", Body.NONE));

    /**
     * The account page, the API description, and the health and metrics paths, which on this port must answer a
     * plain 404 (they live on the management port).
     */
    static final List<Route> OTHER_ROUTES = List.of(
            new Route("GET", "/", Body.NONE),
            new Route("GET", "/index.html", Body.NONE),
            new Route("GET", "/app.js", Body.NONE),
            new Route("GET", "/app.css", Body.NONE),
            new Route("GET", "/q/health", Body.NONE),
            new Route("GET", "/q/health/live", Body.NONE),
            new Route("GET", "/q/health/ready", Body.NONE),
            new Route("GET", "/q/metrics", Body.NONE),
            new Route("GET", "/q/openapi", Body.NONE),
            new Route("GET", "/q/swagger-ui/", Body.NONE));

    private static final List<String> UNKNOWN_PATHS = List.of("/api/v1/nope", "/api/v1/users/a/b", "/api/v2/users",
            "/api", "/api/", "/api/v1", "/api/v1/", "/nope", "/q/nope", "/api/v1/auth_session",
            "/api/v1/auth_session/login/extra", "/.env", "/WEB-INF/web.xml", "/api/v1/users/me/password/extra",
            "/api/v1/status/extra", "/favicon.ico", "/api/v1/auth_session/sessions/a/b");

    private static final String[] INJECTIONS = { "' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"",
            "1; SELECT pg_sleep(10)--", "admin'--", "' UNION SELECT password_hash FROM users--",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "{{7*7}}",
            "${7*7}", "${jndi:ldap://127.0.0.1/a}", "%s%s%s%n", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
            "$(reboot)", "`id`", "\\x00", "%00", "\u202e\u0645\u0631\u062d\u0628\u0627", "😀👨‍👩‍👧‍👦",
            "A\u0300\u0301\u0302\u0303\u0304", "\uFEFF", "null", "undefined", "NaN", "-1", "0x7fffffff",
            "{\"$gt\": \"\"}", "*)(uid=*))(|(uid=*", "<!--", "]]>", "\\", "\"" };

    private static final String[] ODD_METHODS = { "PATCH", "OPTIONS", "TRACE", "PROPFIND", "PROPPATCH", "MKCOL",
            "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "PURGE", "QUERY", "REPORT", "M-SEARCH", "FOO", "HEAD", "get",
            "post", "CONNECT", "X".repeat(64) };

    private static final String[] JSON_VALUES = { "123", "-1.5e308", "1e999", "true", "false", "[]", "[\"a\"]",
            "{\"x\":1}", "null", "\"\"", "0", "[null]", "{}", "\"" + "\\u0000" + "\"", "\"\\ud800\"",
            "\"\\udc00\\ud800\"", "\"\\u202e\"", "9" + "9".repeat(400), "-0", "1.0E-400", "[[[[[]]]]]" };

    private static final String[] BASE64_ALPHABET = { "A", "z", "0", "+", "/", "=", "-", "_", "!", " ", "\t", "%",
            "é" };

    /** What a well-formed token is made of, so some unknown tokens get as far as the database lookup. */
    private static final String[] BASE64_URL_ALPHABET = { "A", "z", "0", "9", "-", "_" };

    /** The accounts the generator may use with their real credentials. */
    record Identities(Identity admin, Identity user, Identity passwordChanger) {
    }

    /** A user the generator may sign in as; its password is never sent wrong, so it is never locked. */
    record Identity(String id, String email, String password, String token) {
    }

    private final Random random;
    private final Identities identities;
    private final String cookieName;
    private final String host;

    HostileRequests(long seed, Identities identities, String cookieName, String host) {
        this.random = new Random(seed);
        this.identities = identities;
        this.cookieName = cookieName;
        this.host = host;
    }

    List<HostileRequest> generate(int count) {
        List<HostileRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next(i));
        }
        return requests;
    }

    private HostileRequest next(int index) {
        Draft draft = new Draft();
        int where = random.nextInt(100);
        if (where < 78) {
            draft.route = pick(API_ROUTES);
        } else if (where < 87) {
            draft.route = pick(OTHER_ROUTES);
        } else {
            draft.route = new Route(pick("GET", "POST", "PUT", "DELETE"), pick(UNKNOWN_PATHS), Body.NONE);
        }
        draft.method = draft.route.method();
        int aspect = random.nextInt(100);
        if (aspect < 22) {
            draft.kind = "credentials";
            hostileCredentials(draft);
            ordinaryBody(draft);
        } else if (aspect < 40) {
            draft.kind = "body";
            someCredentials(draft, 70);
            hostileBody(draft);
        } else if (aspect < 52) {
            draft.kind = "headers";
            someCredentials(draft, 40);
            ordinaryBody(draft);
            hostileHeader(draft);
        } else if (aspect < 58) {
            draft.kind = "oversize";
            someCredentials(draft, 40);
            ordinaryBody(draft);
            oversize(draft);
        } else if (aspect < 66) {
            draft.kind = "method";
            someCredentials(draft, 50);
            ordinaryBody(draft);
            draft.method = pick(ODD_METHODS);
            draft.variant = draft.method.length() > 10 ? "long" : draft.method;
        } else if (aspect < 78) {
            draft.kind = "path";
            someCredentials(draft, 50);
            ordinaryBody(draft);
            hostilePath(draft);
        } else if (aspect < 88) {
            draft.kind = "framing";
            someCredentials(draft, 30);
            ordinaryBody(draft);
            hostileFraming(draft);
        } else {
            draft.kind = "injection";
            someCredentials(draft, 60);
            ordinaryBody(draft);
            injection(draft);
        }
        if (draft.target == null) {
            draft.target = latin1(draft.path());
        }
        return draft.build(index, host);
    }

    // ---- credentials ----

    /** Real credentials with the given probability (in percent), otherwise none or hostile ones. */
    private void someCredentials(Draft draft, int validPercent) {
        int roll = random.nextInt(100);
        if (roll < validPercent) {
            validCredentials(draft);
        } else if (roll < validPercent + (100 - validPercent) / 3) {
            draft.credentials = "none";
        } else {
            hostileCredentials(draft);
        }
    }

    /**
     * The identity's real credentials, chosen so that the run never ends the sessions or deletes the accounts it
     * keeps using, and never sends a wrong password for them (which would lock them in the middle of the run).
     */
    private void validCredentials(Draft draft) {
        Route route = draft.route;
        String path = route.path();
        if (path.equals("/api/v1/users/me/password") || path.equals(REAUTHENTICATE)) {
            // Every password change and reauthentication here fails and counts against its account; only this identity
            // pays for it.
            cookie(draft, identities.passwordChanger().token());
            draft.credentials = "valid-cookie";
            return;
        }
        Identity identity = random.nextBoolean() ? identities.admin() : identities.user();
        // Logout ends the cookie's session; revoking the others with Basic (no current session) ends every one.
        boolean sessionOnly = path.equals("/api/v1/auth_session/sessions") && route.method().equals("DELETE");
        boolean basicOnly = path.equals("/api/v1/auth_session/logout");
        if (sessionOnly || (!basicOnly && random.nextInt(3) > 0)) {
            cookie(draft, identity.token());
            draft.credentials = "valid-cookie";
        } else {
            basic(draft, identity.email() + ":" + identity.password());
            draft.credentials = "valid-basic";
        }
        draft.identity = identity;
    }

    private void hostileCredentials(Draft draft) {
        if (random.nextInt(100) < 55) {
            hostileBasic(draft);
        } else {
            hostileCookie(draft);
        }
        if (random.nextInt(100) < 8) {
            // Both at once: the cookie takes precedence when sessions are accepted.
            hostileBasic(draft);
            draft.credentials = "cookie+basic";
        }
    }

    private void hostileBasic(Draft draft) {
        int variant = random.nextInt(20);
        String header = switch (variant) {
            case 0 -> "Basic";
            case 1 -> "Basic ";
            case 2 -> "Basic " + randomString(1 + random.nextInt(60), BASE64_ALPHABET);
            case 3 -> "Basic " + b64("no-colon-" + random.nextInt(1000));
            case 4 -> "Basic " + b64(new byte[] { (byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3, (byte) 0x28 });
            case 5 -> "Basic " + b64(":password-without-email");
            case 6 -> "Basic " + b64(unknownEmail() + ":" + "x".repeat(1 + random.nextInt(100)));
            case 7 -> "Basic " + b64(pick(INJECTIONS) + ":" + pick(INJECTIONS));
            case 8 -> "Basic " + b64("a".repeat(4000 + random.nextInt(4000)) + ":" + "b".repeat(2000));
            case 9 -> "Basic " + b64("nul\u0000" + random.nextInt(100) + "@test.local:pass\u0000word");
            case 10 -> "Basic " + b64(unknownEmail() + ":\u0001\u0002\u001b[31m\u007f");
            case 11 -> "Bearer " + randomString(20, BASE64_ALPHABET);
            case 12 -> "basic " + b64(unknownEmail() + ":" + "correct horse battery");
            case 13 -> "Basic " + b64(unknownEmail() + ":pw").replace("=", "") + "===";
            case 14 -> "Basic    " + b64(unknownEmail() + ":pw") + "   ";
            case 15 -> "Digest username=\"x\", realm=\"y\"";
            case 17 -> "Bearer sat_" + randomString(43, BASE64_URL_ALPHABET);
            case 18 -> "Bearer sat_" + pick(INJECTIONS);
            case 19 -> "bearer   sat_" + "A".repeat(43 + random.nextInt(4000)) + "  ";
            default -> "Basic " + b64("ünïcödé@tëst.local:pässwörd");
        };
        draft.headers.add(latin1("Authorization: " + header));
        if (variant == 16 && random.nextBoolean()) {
            // A second Authorization header.
            draft.headers.add(latin1("Authorization: Basic " + b64(unknownEmail() + ":second")));
        }
        draft.credentials = "basic-" + variant;
    }

    private void hostileCookie(Draft draft) {
        int variant = random.nextInt(15);
        String value = switch (variant) {
            case 0 -> cookieName + "=" + randomString(1 + random.nextInt(80), BASE64_ALPHABET).replace(";", "");
            case 1 -> cookieName + "=" + randomToken();
            case 2 -> cookieName + "=" + "A".repeat(8000 + random.nextInt(4000));
            case 3 -> cookieName + "=" + randomToken() + "; " + cookieName + "=" + randomToken();
            case 4 -> cookieName + "=" + validToken(draft) + "; " + cookieName + "=garbage";
            case 5 -> cookieName + "=garbage; " + cookieName + "=" + validToken(draft);
            case 6 -> cookieName + "=\"" + randomToken() + "\"";
            case 7 -> cookieName + "=a,b;c d;\"e\";=;;==;" + cookieName;
            case 8 -> ";;;; = ; ==";
            case 9 -> cookieName;
            case 10 -> "";
            case 11 -> manyCookies();
            case 12 -> cookieName + "=" + pick(INJECTIONS).replace("\r", "").replace("\n", "");
            case 13 -> "$Version=1; " + cookieName + "=\"" + randomToken() + "\"; $Path=\"/\"";
            default -> cookieName.toUpperCase() + "=" + randomToken();
        };
        byte[] line = latin1("Cookie: " + value);
        if (variant == 12) {
            line = utf8("Cookie: " + value);
        }
        draft.headers.add(line);
        draft.credentials = "cookie-" + variant;
    }

    private String manyCookies() {
        StringBuilder cookies = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            cookies.append("c").append(i).append("=v").append(i).append("; ");
        }
        return cookies.append(cookieName).append("=").append(randomToken()).toString();
    }

    /** A token of the right shape that no session has. */
    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A real session token, never one the route would end or lock (see {@link #validCredentials}). */
    private String validToken(Draft draft) {
        return switch (draft.route.path()) {
            case "/api/v1/auth_session/logout" -> randomToken();
            case "/api/v1/users/me/password", REAUTHENTICATE -> identities.passwordChanger().token();
            default -> random.nextBoolean() ? identities.admin().token() : identities.user().token();
        };
    }

    private void cookie(Draft draft, String token) {
        draft.headers.add(latin1("Cookie: " + cookieName + "=" + token));
    }

    private void basic(Draft draft, String userAndPassword) {
        draft.headers.add(latin1("Authorization: Basic " + b64(userAndPassword)));
    }

    // ---- bodies ----

    /** A body of the right kind and shape for the route (which may still be refused by the rules). */
    private void ordinaryBody(Draft draft) {
        switch (draft.route.body()) {
            case JSON -> json(draft, ordinaryJson(draft.route));
            case FORM -> form(draft, ordinaryForm());
            case NONE -> {
            }
        }
    }

    private String ordinaryJson(Route route) {
        return switch (route.path()) {
            case "/api/v1/users" -> "{\"email\":\"hostile-" + random.nextInt(1_000_000) + "@test.local\","
                    + "\"password\":\"" + pick("a long enough passphrase", "short", "password") + "\"}";
            case "/api/v1/users/me/password" -> "{\"current_password\":\"not the password\","
                    + "\"new_password\":\"another long passphrase\"}";
            case GROUPS -> "{\"name\":\"" + groupName() + "\",\"description\":\"" + pick("Reports", "") + "\"}";
            default -> "{\"first_name\":\"" + pick("Ada", "Grace", "") + "\",\"disabled\":false}";
        };
    }

    private String ordinaryForm() {
        if (random.nextInt(10) == 0) {
            Identity user = identities.user();
            return "email=" + user.email() + "&password=" + user.password().replace(" ", "+");
        }
        return "email=" + unknownEmail() + "&password=some+password";
    }

    private void hostileBody(Draft draft) {
        switch (draft.route.body()) {
            case JSON -> hostileJson(draft);
            case FORM -> hostileForm(draft);
            case NONE -> {
                // A body where none is expected.
                draft.variant = "unexpected-body";
                draft.body = random.nextBoolean() ? utf8("{\"email\": [1, 2, {\"x\": null}]}") : randomBytes(2000);
                draft.headers.add(latin1("Content-Type: " + pick("application/json", "application/octet-stream",
                        "text/plain")));
            }
        }
    }

    private void hostileJson(Draft draft) {
        String field = pick(fieldsOf(draft.route));
        int variant = random.nextInt(20);
        draft.variant = "json-" + variant;
        switch (variant) {
            case 0 -> json(draft, pick("[]", "\"text\"", "42", "null", "true", "", " ", "[{}]", "{}", "\"{}\""));
            case 1 -> json(draft, "{\"" + field + "\":" + pick(JSON_VALUES) + "}");
            case 2 -> json(draft, random.nextBoolean() ? nested(pick(500, 1001, 5000, 20000), false)
                    : nested(pick(500, 1001, 5000), true));
            case 3 -> json(draft, "{\"" + field + "\":" + nested(pick(999, 1200, 3000), false) + "}");
            case 4 -> json(draft, "{\"" + field + "\": \"abc\", \"password\":");
            case 5 -> json(draft, pick("{} trailing", "{}}", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{'a':'b'}",
                    "/* c */{}", "{\"a\":NaN}", "{\"a\":\"\\x41\"}", "{\"a\":01}"));
            case 6 -> draft.body = concat(utf8("{\"" + field + "\":\""), new byte[] { (byte) 0xff, (byte) 0xfe,
                    (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, utf8("\"}"));
            case 7 -> json(draft, "{\"" + field + "\":\"a\\u0000b\\u0001c\\u001f\"}");
            case 8 -> json(draft, "{\"" + field + "\":\"a\u0000b\u0001c\"}");
            case 9 -> json(draft, "{\"" + field + "\":\"" + pick("\\ud800", "\\udfff", "\\ud800\\ud800") + "\"}");
            case 10 -> json(draft, "{\"" + field + "\":\"" + "x".repeat(pick(255, 256, 1000, 60_000)) + "\"}");
            case 11 -> json(draft, "{\"" + field + "\":1" + "0".repeat(pick(500, 1500, 20_000)) + "}");
            case 12 -> json(draft, "{\"" + field + "\":\"a\",\"" + field + "\":\"b\"}");
            case 13 -> draft.body = concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf },
                    utf8(ordinaryJson(draft.route)));
            case 14 -> draft.body = ordinaryJson(draft.route).getBytes(StandardCharsets.UTF_16);
            case 15 -> json(draft, validShapeWith(draft.route, pick(INJECTIONS)));
            case 16 -> {
                json(draft, ordinaryJson(draft.route));
                draft.contentType = pick("application/json; charset=klingon", "application/json; charset=utf-16",
                        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                        "*/*", ";;;", "application/json;;;", "application/json; a=\"unterminated", "application",
                        "/", "application/json\u00ff");
            }
            case 17 -> {
                json(draft, ordinaryJson(draft.route));
                draft.contentType = null;
            }
            case 18 -> json(draft, "{\"" + field + "\":{\"" + field + "\":{\"" + field + "\":[1,{\"a\":[]}]}},"
                    + "\"unknown\":" + nested(200, true) + "}");
            default -> {
                StringBuilder many = new StringBuilder("{");
                for (int i = 0; i < 3000; i++) {
                    many.append("\"k").append(i).append("\":").append(i).append(',');
                }
                json(draft, many.append("\"").append(field).append("\":\"x\"}").toString());
            }
        }
    }

    private static List<String> fieldsOf(Route route) {
        return switch (route.path()) {
            case "/api/v1/users" -> List.of("email", "password", "first_name", "last_name");
            case "/api/v1/users/me/password" -> List.of("current_password", "new_password");
            case GROUPS -> List.of("name", "description");
            default -> List.of("first_name", "last_name", "disabled");
        };
    }

    private String validShapeWith(Route route, String text) {
        String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return switch (route.path()) {
            case "/api/v1/users" -> random.nextBoolean()
                    ? "{\"email\":" + quoted + ",\"password\":\"a long enough passphrase\"}"
                    : "{\"email\":\"inj-" + random.nextInt(1_000_000) + "@test.local\",\"password\":\"a long enough "
                            + "passphrase\",\"first_name\":" + quoted + ",\"last_name\":" + quoted + "}";
            case "/api/v1/users/me/password" -> "{\"current_password\":" + quoted + ",\"new_password\":" + quoted + "}";
            case GROUPS -> "{\"name\":" + quoted + ",\"description\":" + quoted + "}";
            default -> "{\"first_name\":" + quoted + ",\"last_name\":" + quoted + "}";
        };
    }

    private void hostileForm(Draft draft) {
        int variant = random.nextInt(14);
        draft.variant = "form-" + variant;
        switch (variant) {
            case 0 -> form(draft, pick("", "email=", "password=x", "email=&password=", "=", "&&&", "email"));
            case 1 -> form(draft, "email=%zz&password=%");
            case 2 -> form(draft, "email=%FF%FE%C3%28&password=%ED%A0%80");
            case 3 -> form(draft, "email=a%00b%40test.local&password=%00%01%1b");
            case 4 -> form(draft, "email=" + urlEncode(pick(INJECTIONS)) + "&password=" + urlEncode(pick(INJECTIONS)));
            case 5 -> form(draft, "email=a@b.c&email=" + unknownEmail() + "&password=1&password=2");
            case 6 -> form(draft, "email=" + "e".repeat(60_000) + "&password=p");
            case 7 -> form(draft, "email=" + unknownEmail() + "&password=" + "p".repeat(pick(72, 73, 5000)));
            case 8 -> draft.body = concat(utf8("email="), new byte[] { (byte) 0xc3, (byte) 0xa9, (byte) 0xff, 0 },
                    utf8("@test.local&password=\u00e9"));
            case 9 -> {
                json(draft, "{\"email\":\"a@b.c\",\"password\":\"x\"}");
            }
            case 10 -> {
                form(draft, ordinaryForm());
                draft.contentType = pick("application/x-www-form-urlencoded; charset=klingon",
                        "application/x-www-form-urlencoded; charset=utf-16", "text/plain", null,
                        "application/x-www-form-urlencoded;;", "application/x-www-form-urlencoded\u00ff");
            }
            case 11 -> {
                draft.body = utf8("--XX\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + unknownEmail()
                        + "\r\n--XX\r\nContent-Disposition: form-data; name=\"password\r\n\r\nx\r\n--X");
                draft.contentType = pick("multipart/form-data; boundary=XX", "multipart/form-data",
                        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unterminated");
            }
            case 12 -> form(draft, "email=" + unknownEmail() + "&password=x&" + "k=v&".repeat(5000));
            default -> form(draft, "%=%&%%%=%%&email=%2&password=%%");
        }
    }

    private void json(Draft draft, String body) {
        draft.body = utf8(body);
        draft.contentType = "application/json";
    }

    private void form(Draft draft, String body) {
        draft.body = utf8(body);
        draft.contentType = "application/x-www-form-urlencoded";
    }

    private static String nested(int depth, boolean objects) {
        StringBuilder json = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            json.append(objects ? "{\"a\":" : "[");
        }
        json.append("1");
        for (int i = 0; i < depth; i++) {
            json.append(objects ? "}" : "]");
        }
        return json.toString();
    }

    // ---- headers ----

    private void hostileHeader(Draft draft) {
        int variant = random.nextInt(18);
        draft.variant = "header-" + variant;
        List<String> lines = switch (variant) {
            // ":80" stands for every value with an empty host, which Quarkus never answers: one is enough.
            case 0 -> List.of("X-Forwarded-For: " + pick("not-an-ip", "1.2.3.4:abc", "[::1", "::::", "999.999.999.999",
                    "1.2.3.4, 5.6.7.8", "x".repeat(300), "unknown", "_hidden", "2001:db8::1%eth0",
                    "[2001:db8::1]:99999", "1.2.3.4:-1", "0", "::ffff:1.2.3.4", ":80"));
            case 1 -> List.of("X-Forwarded-Host: " + pick("evil.example:abc", "[", "a b", "", "x".repeat(300),
                    "evil.example, other", "[::1]:99999", "localhost:-1", "\u00ff\u00fe"));
            case 2 -> List.of("X-Forwarded-Proto: " + pick("gopher", "", "https, http", "HTTPS", "x".repeat(200)),
                    "X-Forwarded-Port: " + pick("abc", "-1", "99999999999", "", "443, 80"));
            case 3 -> List.of("Forwarded: " + pick("for=\"[::1", "for=;proto=;host=", "by=x;for=1.2.3.4:abc",
                    "garbage", "for=_x, for=unknown"), "X-Forwarded-Prefix: " + pick("/../..", "%2e%2e", ""));
            case 4 -> List.of("Origin: " + pick("null", "http://evil.example", "", "http://[::1", "\u00ff",
                    "https://" + "a".repeat(2000), "file://", "http://localhost:1"));
            case 5 -> List.of("Sec-Fetch-Site: " + pick("cross-site", "same-origin", "garbage", ""),
                    "Sec-Fetch-Mode: " + pick("navigate", "x"));
            case 6 -> List.of("Accept: " + pick("text/html", "application/xml", ";;;", "*/*;q=abc",
                    "application/json;q=0", "application/json;q=2", "x".repeat(500), "*/", "/*", "\u00ff/\u00fe"));
            case 7 -> List.of("Content-Type: " + pick("application/json; charset=klingon", ";;;", "/", "a/b/c",
                    "text/plain; charset=\"", "multipart/form-data; boundary="));
            case 8 -> List.of("User-Agent: " + pick("x".repeat(2000), "\u00e9\u00ff\u00fe", pick(INJECTIONS), "",
                    "Mozilla/5.0 (" + "(".repeat(500)));
            case 9 -> List.of("Accept-Language: " + pick("xx-YY;q=abc", "*;q=-1", ",,,", "x".repeat(400)),
                    "Accept-Charset: klingon", "Accept-Encoding: " + pick("gzip;q=abc", "br, zstd, x-unknown", ""));
            case 10 -> List.of("If-Modified-Since: " + pick("garbage", "Mon, 32 Foo 99999 99:99:99 GMT", ""),
                    "If-None-Match: " + pick("\"", "*", "W/", "x".repeat(500)), "Range: " + pick("bytes=abc",
                            "bytes=-", "bytes=999999999-1", "bytes=0-0,0-0,0-0", "pages=1"));
            case 11 -> List.of("Expect: " + pick("100-continue", "garbage", "200-ok"));
            case 12 -> List.of("Content-Encoding: " + pick("gzip", "deflate", "br", "garbage"));
            case 13 -> List.of("Connection: " + pick("Upgrade", "keep-alive, Upgrade", "garbage"),
                    "Upgrade: " + pick("websocket", "h2c", "garbage"), "HTTP2-Settings: " + pick("", "!!!", "AAMAAABkAAQAAP__"),
                    "Sec-WebSocket-Key: " + pick("", "x"), "Sec-WebSocket-Version: " + pick("13", "99"));
            case 14 -> manyHeaders();
            case 15 -> List.of("X-Request-Id: " + pick(INJECTIONS), "X-Empty:", "X-Spaces:      ");
            case 16 -> List.of("Authorization: " + pick("", " ", "Basic", "Negotiate x"),
                    "Proxy-Authorization: Basic " + b64("a:b"));
            default -> List.of("Host: " + pick("", "evil.example", "localhost:abc", "[::1", "x".repeat(300),
                    "localhost:99999"));
        };
        if (variant == 17) {
            draft.host = false;
        }
        draft.forwarded = variant <= 3;
        // An HTTP/2 upgrade is the HTTP layer's business: Vert.x refuses bad settings itself, or switches protocols.
        draft.httpLayer = variant == 13;
        for (String line : lines) {
            draft.headers.add(latin1(line));
        }
        if (variant == 11) {
            draft.connectionClose = random.nextBoolean();
        }
    }

    private List<String> manyHeaders() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add("X-H" + i + ": " + i);
        }
        return lines;
    }

    // ---- sizes over the limits ----

    private void oversize(Draft draft) {
        int variant = random.nextInt(9);
        draft.variant = "oversize-" + variant;
        draft.httpLayer = true;
        switch (variant) {
            case 0 -> draft.headers.add(latin1("X-Big: " + "x".repeat(MAX_HEADER_BYTES + random.nextInt(30_000))));
            case 1 -> draft.headers.add(latin1("Cookie: " + cookieName + "=" + "A".repeat(MAX_HEADER_BYTES + 100)));
            case 2 -> draft.headers.add(latin1("Authorization: Basic " + b64("a".repeat(MAX_HEADER_BYTES) + ":b")));
            case 3 -> {
                for (int i = 0; i < 1200; i++) {
                    draft.headers.add(latin1("X-Many-" + i + ": " + "v".repeat(10)));
                }
            }
            case 4 -> draft.target = latin1(draft.path() + "?q=" + "a".repeat(MAX_REQUEST_LINE + random.nextInt(10_000)));
            case 5 -> {
                draft.body = randomJsonish(MAX_BODY_BYTES + 1 + random.nextInt(200_000));
                draft.contentType = draft.route.body() == Body.FORM ? "application/x-www-form-urlencoded"
                        : "application/json";
            }
            case 6 -> {
                draft.body = randomJsonish(MAX_BODY_BYTES + 1 + random.nextInt(100_000));
                draft.contentType = "application/json";
                draft.chunked = true;
            }
            case 7 -> {
                draft.body = new byte[0];
                draft.explicitFraming = "Content-Length: " + pick("10000000000", "65537", "9223372036854775807");
            }
            default -> {
                // Within the limits, just: a body of exactly the limit and headers just under it.
                draft.httpLayer = false;
                draft.variant = "at-limit";
                draft.headers.add(latin1("X-Near-Limit: " + "y".repeat(MAX_HEADER_BYTES - 1500)));
                if (draft.route.body() != Body.NONE) {
                    draft.body = concat(utf8("{\"first_name\":\""), "z".repeat(MAX_BODY_BYTES - 20).getBytes(
                            StandardCharsets.US_ASCII), utf8("\"}"));
                    draft.contentType = "application/json";
                }
            }
        }
    }

    private byte[] randomJsonish(int size) {
        byte[] body = new byte[size];
        byte[] pattern = utf8("{\"email\":\"" + "a".repeat(50) + "\",");
        for (int i = 0; i < size; i++) {
            body[i] = pattern[i % pattern.length];
        }
        return body;
    }

    // ---- paths ----

    private void hostilePath(Draft draft) {
        String path = draft.path();
        int variant = random.nextInt(20);
        draft.variant = "path-" + variant;
        draft.target = switch (variant) {
            case 0 -> latin1(path.replaceFirst("/([^/]*)$", "%2F$1") + pick("", "%2F..%2F..%2Fstatus"));
            case 1 -> latin1(pick("/api/v1/../v1/status", "/api/v1/users/../../v1/status", "/api/v1/./status",
                    "/../../etc/passwd", "/api/v1/users/%2e%2e/%2e%2e/status", "/api/v1/users/..;/..;/status",
                    "/./././api/v1/status"));
            case 2 -> latin1(path.replace("/", "//") + pick("", "//"));
            case 3 -> latin1(path + "/");
            case 4 -> latin1(path + "/" + "seg".repeat(1000));
            case 5 -> utf8(path + "/\u00fc\u6f22\u5b57\uD83D\uDE00");
            case 6 -> latin1(path + pick("/%C3%BC", "/%FF%FE", "/%C0%AF", "/%E0%80%AF", "/%ED%A0%80"));
            case 7 -> latin1(path + pick("/%00", "%00", "%00.json", "/%00/../status"));
            case 8 -> latin1(path + pick("/%", "/%zz", "/%e", "%", "/%%32%65"));
            case 9 -> latin1(path + "?" + pick("a=%zz&&==&%00=x&", "%", "x=" + "y".repeat(3000), "&&&&", "=",
                    "a[]=1&a[x]=2", "id=' OR 1=1--"));
            case 10 -> latin1(path + "#fragment");
            case 11 -> latin1(pick("http://localhost", "http://evil.example", "https://localhost:1") + path);
            case 12 -> latin1(pick("*", "api/v1/status", "", "\\api\\v1\\status", "/\\api/v1/status"));
            case 13 -> latin1(path + ";jsessionid=abc" + pick("", ";x=y"));
            case 14 -> latin1(path.toUpperCase());
            case 15 -> latin1(path + "/" + pick("%20", "+", "%09", "%0d%0a", "%0aSet-Cookie:%20x=y"));
            case 16 -> latin1(path.replaceFirst("^/api", "/api/v1/../../api"));
            case 17 -> latin1("/api/v1/users/" + oddId());
            case 18 -> latin1("/api/v1/auth_session/sessions/" + oddId());
            default -> latin1(path + "~" + pick(".bak", ".json", "::$DATA", ".", ".."));
        };
    }

    /** Path segments that are no user or session id; some look almost like one. */
    private String oddId() {
        return pick("not-a-uuid", "1-1-1-1-1", randomUuid().toUpperCase(),
                "{" + randomUuid() + "}", "x".repeat(36), "ME", "null", "-1", "0",
                "%27%20OR%201%3D1%20--", "%3Cscript%3E", "y".repeat(1000), "00000000-0000-0000-0000-000000000000",
                randomUuid() + "%00", "me%2Fpassword");
    }

    // ---- framing ----

    private void hostileFraming(Draft draft) {
        int variant = random.nextInt(22);
        draft.variant = "framing-" + variant;
        draft.httpLayer = true;
        switch (variant) {
            case 0 -> draft.bareLineFeeds = true;
            case 1 -> {
                draft.version = "HTTP/1.0";
                draft.host = false;
                draft.httpLayer = false;
            }
            case 2 -> draft.host = false;
            case 3 -> draft.version = pick("HTTP/9.9", "HTTP/1.1.1", "FOO/1.1", "HTTP/1", "http/1.1", "HTTP/2.0");
            case 4 -> draft.version = null;
            case 5 -> draft.method = draft.method + " ";
            case 6 -> {
                draft.explicitFraming = "Content-Length: " + pick("-1", "abc", "1, 2", "0x10", "+5", " ");
                draft.body = utf8("hello");
            }
            case 7 -> {
                draft.explicitFraming = "Content-Length: 5\r\nContent-Length: 6";
                draft.body = utf8("hello!");
            }
            case 8 -> {
                draft.explicitFraming = "Content-Length: 4\r\nTransfer-Encoding: chunked";
                draft.body = utf8("0\r\n\r\nGET /api/v1/users HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            case 9 -> {
                draft.explicitFraming = "Transfer-Encoding: " + pick("chunked, identity", "xchunked", "chunked\u00ff",
                        "identity", "gzip, chunked");
                draft.body = utf8("5\r\nhello\r\n0\r\n\r\n");
            }
            case 10 -> {
                draft.explicitFraming = "Transfer-Encoding: chunked";
                draft.body = utf8(pick("zz\r\nhello\r\n0\r\n\r\n", "5;ext=\"\r\nhello\r\n0\r\n\r\n",
                        "FFFFFFFFFFFFFFFF\r\nx\r\n", "-5\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n"));
            }
            case 11 -> draft.headers.add(latin1("NoColonHere"));
            case 12 -> draft.headers.add(latin1("X-Folded: a\r\n continued\r\n\tagain"));
            case 13 -> draft.headers.add(concat(latin1("X-Nul: a"), new byte[] { 0 }, latin1("b")));
            case 14 -> draft.headers.add(concat(latin1("X-Control: a"), new byte[] { 1, 0x7f, 0x1b }, latin1("b")));
            case 15 -> draft.headers.add(concat(latin1("User-Agent: "), new byte[] { (byte) 0xff, (byte) 0xfe,
                    (byte) 0xc3, 0x28 }));
            case 16 -> draft.headers.add(latin1(pick("Host : x", ": empty-name", "X Space: y", "X-\u00fcml: y",
                    "X-A:\rb")));
            case 17 -> {
                // Each ends in an empty line, so the server has a whole (if senseless) request to answer.
                draft.rawRequest = concat(pick(randomBytes(300),
                        new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03 },
                        latin1("GET"), latin1(" / HTTP/1.1"), latin1("\r\nGET")), latin1("\r\n\r\n"));
            }
            case 18 -> draft.method = pick("G\u0000T", "GE(T", "", "\u00c7ET", "GET\t");
            case 19 -> {
                draft.target = concat(latin1(draft.path()), new byte[] { 0 }, latin1("x"));
            }
            case 20 -> draft.target = latin1(draft.path() + pick(" extra", "\ttab", " HTTP/1.1 x"));
            default -> {
                // The Cookie header twice, and Authorization with a NUL in the credentials.
                draft.headers.add(latin1("Cookie: " + cookieName + "=" + randomToken()));
                draft.headers.add(latin1("Cookie: " + cookieName + "=" + randomToken()));
                draft.headers.add(concat(latin1("Authorization: Basic "), new byte[] { 0 }, latin1("abc")));
            }
        }
    }

    // ---- injection ----

    private void injection(Draft draft) {
        String text = pick(INJECTIONS);
        int variant = random.nextInt(6);
        draft.variant = "injection-" + variant;
        switch (variant) {
            case 0 -> draft.target = latin1("/api/v1/users/" + urlEncode(text));
            case 1 -> draft.target = latin1("/api/v1/auth_session/sessions/" + urlEncode(text));
            case 2 -> draft.headers.add(utf8("Cookie: " + cookieName + "=" + text.replace("\r", "")));
            case 3 -> draft.headers.add(latin1("Authorization: Basic " + b64(text + "@x.y:" + text)));
            case 4 -> {
                if (draft.route.body() == Body.FORM) {
                    form(draft, "email=" + urlEncode(text + "@test.local") + "&password=" + urlEncode(text));
                } else if (draft.route.body() == Body.JSON) {
                    json(draft, validShapeWith(draft.route, text));
                } else {
                    draft.target = latin1(draft.path() + "?q=" + urlEncode(text));
                }
            }
            default -> {
                draft.headers.add(utf8("X-Forwarded-For: " + text.replace("\r", "").replace("\n", "")));
                draft.forwarded = true;
            }
        }
    }

    // ---- small helpers ----

    /** A UUID from the seed (its version bits do not matter: the service only checks the canonical form). */
    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A group name of the allowed shape, from a small set, so that some requests find the group another made. */
    private String groupName() {
        return "hostile-" + random.nextInt(20);
    }

    private String unknownEmail() {
        return "nobody-" + random.nextInt(50) + "@hostile.test";
    }

    private String randomString(int length, String[] alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Whether the target is URI syntax (RFC 3986): allowed characters only, and % always followed by two hex digits. */
    static boolean isUri(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !HexFormat.isHexDigit(target.charAt(i + 1))
                        || !HexFormat.isHexDigit(target.charAt(i + 2))) {
                    return false;
                }
            } else if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:/?#@!$&'()*+,;=".indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A request being put together. */
    private final class Draft {

        Route route;
        String kind;
        String variant = "";
        String credentials = "none";
        Identity identity;
        String method;
        byte[] target;
        String version = "HTTP/1.1";
        final List<byte[]> headers = new ArrayList<>();
        byte[] body;
        String contentType;
        boolean chunked;
        String explicitFraming;
        boolean host = true;
        boolean connectionClose = true;
        boolean bareLineFeeds;
        byte[] rawRequest;
        boolean httpLayer;
        boolean forwarded;
        private String path;

        /** The route's path with {id} filled in once, never with an id that would end the run's own accounts. */
        String path() {
            if (path == null) {
                path = route.path().replace("{id}", id());
                if (path.contains("{name}")) {
                    path = path.replace("{name}", random.nextBoolean() ? groupName() : oddId());
                }
                if (path.contains("{userId}")) {
                    path = path.replace("{userId}", id());
                }
            }
            return path;
        }

        private String id() {
            boolean deletes = route.method().equals("DELETE") && route.path().startsWith("/api/v1/users/");
            if (route.path().startsWith("/api/v1/auth_session/")) {
                return random.nextBoolean() ? randomUuid() : oddId();
            }
            int roll = random.nextInt(4);
            if (!deletes && identity != null && roll == 0) {
                return "me";
            }
            if (!deletes && identity != null && roll == 1) {
                return identity.id();
            }
            return roll == 2 ? oddId() : randomUuid();
        }

        /** The header lines as sent, without the request line and the defaults added in {@link #build}. */
        private int headerBytes() {
            return headers.stream().mapToInt(header -> header.length + 2).sum();
        }

        HostileRequest build(int index, String authority) {
            String name = kind + (variant.isEmpty() ? "" : "/" + variant) + " [" + credentials + "]";
            boolean head = method.equals("HEAD");
            String declaredPath = new String(target, StandardCharsets.ISO_8859_1);
            if (rawRequest != null) {
                return new HostileRequest(index, kind, name, method, declaredPath, rawRequest, head, true, false);
            }
            // Vert.x refuses a target that is no URI (400, no body) before any route; so does the request-line parser.
            boolean httpLayer = this.httpLayer || !isUri(declaredPath) || headerBytes() > HEADER_LIMIT_ZONE;
            String eol = bareLineFeeds ? "\n" : "\r\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(latin1(method + " "));
            out.writeBytes(target);
            out.writeBytes(latin1((version == null ? "" : " " + version) + eol));
            if (this.host) {
                out.writeBytes(latin1("Host: " + authority + eol));
            }
            for (byte[] header : headers) {
                out.writeBytes(header);
                out.writeBytes(latin1(eol));
            }
            if (connectionClose) {
                out.writeBytes(latin1("Connection: close" + eol));
            }
            if (contentType != null && body != null) {
                out.writeBytes(latin1("Content-Type: " + contentType + eol));
            }
            if (explicitFraming != null) {
                out.writeBytes(latin1(explicitFraming + eol + eol));
                if (body != null) {
                    out.writeBytes(body);
                }
            } else if (body != null && chunked) {
                out.writeBytes(latin1("Transfer-Encoding: chunked" + eol + eol));
                for (int offset = 0; offset < body.length; offset += 8192) {
                    int length = Math.min(8192, body.length - offset);
                    out.writeBytes(latin1(Integer.toHexString(length) + "\r\n"));
                    out.write(body, offset, length);
                    out.writeBytes(latin1("\r\n"));
                }
                out.writeBytes(latin1("0\r\n\r\n"));
            } else {
                int length = body == null ? 0 : body.length;
                if (body != null || method.equals("POST") || method.equals("PUT")) {
                    out.writeBytes(latin1("Content-Length: " + length + eol));
                }
                out.writeBytes(latin1(eol));
                if (body != null) {
                    out.writeBytes(body);
                }
            }
            return new HostileRequest(index, kind, name, method, declaredPath, out.toByteArray(), head, httpLayer,
                    forwarded);
        }
    }
}
