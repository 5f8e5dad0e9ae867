package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Resources cached per group behind nginx (bench/nginx-groups.conf.template), on two instances of the packaged
 * service: members share one upstream fetch, non-members are refused before the cache, and a removal counts on the
 * next request on every instance.
 */
@EnabledIf(value = "dev.sessionauth.cluster.Nginx#installed", disabledReason = "needs /usr/sbin/nginx (apt-get install nginx)")
class GroupCacheIT {

    private static final String COOKIE = "_my_session_id";
    private static final String PASSWORD = "group member passphrase";
    private static final String VERIFY = "/api/v1/auth_session/verify";

    private static Cluster cluster;
    private static HttpServer application;
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        cluster = Cluster.start("group-cache-it", 2, Map.of("SESSION_PURGE_INTERVAL", "off"),
                Path.of("bench", "nginx-groups.conf.template"));
        // The stand-in application: counts what reaches it, per path, and tells which group nginx named.
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", cluster.nginx.appPort), 0);
        application.createContext("/", exchange -> {
            int hit = HITS.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
            byte[] body = ("report of " + exchange.getRequestHeaders().getFirst("X-Group") + ", fetch " + hit)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Seen-User-Id",
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-User-Id")));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        application.start();
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.stop(0);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldServeMembersFromOneUpstreamFetchAndRefuseOthersBeforeTheCache() {
        String group = createGroup();
        Member first = newMember();
        Member second = newMember();
        Member outsider = newMember();
        addMember(group, first);
        addMember(group, second);
        String report = "/groups/" + group + "/report";

        for (Member member : new Member[] { first, second, first, second }) {
            throughNginx().cookie(COOKIE, member.token()).get(report)
                    .then().statusCode(200).body(equalTo("report of " + group + ", fetch 1"))
                    .header("X-Seen-User-Id", "null");
        }
        throughNginx().auth().preemptive().basic(second.email(), PASSWORD).get(report).then().statusCode(200);
        assertEquals(1, hits(report), "upstream fetches for 5 member requests");

        throughNginx().cookie(COOKIE, outsider.token()).get(report).then().statusCode(403);
        throughNginx().get(report).then().statusCode(401);
        throughNginx().cookie(COOKIE, outsider.token()).get("/groups/" + group + "/other").then().statusCode(403);
        assertEquals(1, hits(report));
        assertEquals(0, hits("/groups/" + group + "/other"));

        removeMember(group, second);
        throughNginx().cookie(COOKIE, second.token()).get(report).then().statusCode(403);
        throughNginx().cookie(COOKIE, first.token()).get(report).then().statusCode(200);
        assertEquals(1, hits(report));
    }

    @Test
    void shouldNotServeOneGroupsResourceThroughAnotherGroupsPath() {
        String mine = createGroup();
        String theirs = createGroup();
        Member member = newMember();
        addMember(mine, member);

        throughNginx().cookie(COOKIE, member.token()).get("/groups/" + mine + "/../" + theirs + "/report")
                .then().statusCode(403);
        // Sent as written: nginx, not the client, decodes %2E%2E and resolves the dot segment.
        throughNginx().urlEncodingEnabled(false).cookie(COOKIE, member.token())
                .get("/groups/" + mine + "/%2E%2E/" + theirs + "/report")
                .then().statusCode(403);
        assertEquals(0, hits("/groups/" + theirs + "/report"));
    }

    @Test
    void shouldRefuseARemovedMemberOnTheNextRequestOnBothInstances() {
        String group = createGroup();
        Member member = newMember();
        addMember(group, member);
        for (PackagedService instance : cluster.instances) {
            given().baseUri(instance.url()).cookie(COOKIE, member.token()).queryParam("group", group).get(VERIFY)
                    .then().statusCode(200).header("X-User-Groups", group);
        }

        removeMember(group, member);

        for (PackagedService instance : cluster.instances) {
            given().baseUri(instance.url()).cookie(COOKIE, member.token()).queryParam("group", group).get(VERIFY)
                    .then().statusCode(403);
            given().baseUri(instance.url()).auth().preemptive().basic(member.email(), PASSWORD)
                    .queryParam("group", group).get(VERIFY).then().statusCode(403);
        }
    }

    private static int hits(String path) {
        AtomicInteger count = HITS.get(path);
        return count == null ? 0 : count.get();
    }

    private static RequestSpecification throughNginx() {
        return given().baseUri(cluster.nginx.url());
    }

    private static RequestSpecification asAdmin() {
        return throughNginx().auth().preemptive().basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
    }

    private record Member(String id, String email, String token) {
    }

    private static String createGroup() {
        String name = "g-" + UUID.randomUUID();
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/groups").then().statusCode(201);
        return name;
    }

    private static void addMember(String group, Member member) {
        asAdmin().put("/api/v1/groups/" + group + "/members/" + member.id()).then().statusCode(200);
    }

    private static void removeMember(String group, Member member) {
        asAdmin().delete("/api/v1/groups/" + group + "/members/" + member.id()).then().statusCode(200);
    }

    private static Member newMember() {
        String email = "member-" + UUID.randomUUID() + "@groups.test";
        String id = asAdmin().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String token = throughNginx().formParam("email", email).formParam("password", PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(200).extract().cookie(COOKIE);
        return new Member(id, email, token);
    }

}
