package dev.sessionauth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A steady load of sign-ins for the failover test: each client logs one of its users in, reads /users/me with the
 * new session and logs every other session out (then checks that it is refused), over and over. It keeps every
 * answer with its timing, the sessions whose login was acknowledged and that it never tried to end, and the sessions
 * whose logout was acknowledged. A logout answered 503 is retried until it gets an answer: it may or may not have
 * happened.
 */
final class FailoverLoad implements AutoCloseable {

    static final String COOKIE = "_my_session_id";
    static final String ME = "/api/v1/users/me";

    /** The answers each kind of request may get; anything else is a failure of the failover or of the service. */
    private static final Map<String, Set<Integer>> ALLOWED = Map.of(
            "login", Set.of(200, 503),
            "me", Set.of(200, 503),
            "logout", Set.of(200, 503),
            // A logout retried after a 503 finds its session ended (403) when the first attempt did commit.
            "logout-retry", Set.of(200, 403, 503),
            "me-ended", Set.of(403, 503));

    /** One answer: what was asked, what came back, and when (System.nanoTime at the start and at the end). */
    record Answer(String kind, int status, String body, long start, long end) {

        boolean allowed() {
            return ALLOWED.get(kind).contains(status);
        }
    }

    /** A session and when its login (or logout) was answered. */
    record Session(String token, long answeredAt) {
    }

    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Session> kept = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Session> ended = new ConcurrentLinkedQueue<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String password;
    private final ExecutorService clients;
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean stopping;

    private FailoverLoad(String baseUrl, String password, int clients) {
        this.baseUrl = baseUrl;
        this.password = password;
        this.clients = Executors.newFixedThreadPool(clients);
    }

    /** Starts one client per list of emails, each signing its own users in in turn. */
    static FailoverLoad start(String baseUrl, String password, List<List<String>> emailsPerClient) {
        FailoverLoad load = new FailoverLoad(baseUrl, password, emailsPerClient.size());
        for (List<String> emails : emailsPerClient) {
            load.running.add(load.clients.submit(() -> load.run(emails)));
        }
        return load;
    }

    /** Stops the clients after their current request and waits for them; fails if one of them failed. */
    void stop() {
        stopping = true;
        for (Future<?> client : running) {
            try {
                client.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("a load client failed", e);
            }
        }
    }

    private void run(List<String> emails) {
        for (int n = 0; !stopping; n++) {
            Optional<String> token = login(emails.get(n % emails.size()));
            if (token.isPresent()) {
                send("me", "GET", ME, token.get());
                if (n % 2 == 0) {
                    end(token.get());
                } else {
                    kept.add(new Session(token.get(), System.nanoTime()));
                }
            }
        }
    }

    private Optional<String> login(String email) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = send("login", HttpRequest.newBuilder(URI.create(baseUrl
                + "/api/v1/auth_session/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(COOKIE + "="))
                .map(cookie -> cookie.substring(COOKIE.length() + 1).split(";", 2)[0])
                .findFirst();
    }

    private void end(String token) {
        String kind = "logout";
        while (!stopping || kind.equals("logout")) {
            int status = send(kind, "DELETE", "/api/v1/auth_session/logout", token).statusCode();
            if (status == 200) {
                ended.add(new Session(token, System.nanoTime()));
                send("me-ended", "GET", ME, token);
                return;
            }
            if (status != 503) {
                return;
            }
            kind = "logout-retry";
        }
    }

    private HttpResponse<String> send(String kind, String method, String path, String token) {
        return send(kind, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", COOKIE + "=" + token)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(String kind, HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(kind, response.statusCode(), response.body(), start, System.nanoTime()));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(kind + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        clients.shutdownNow();
    }
}
