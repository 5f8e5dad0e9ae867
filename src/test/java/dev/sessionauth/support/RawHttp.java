package dev.sessionauth.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An HTTP/1.1 client over a plain socket that sends exactly the given bytes, so requests no ordinary client would
 * write (bad framing, control characters, oversized headers) really reach the server. One request per connection.
 */
public final class RawHttp implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** Larger requests are written from another thread: a server that stops reading must not block the reader. */
    private static final int INLINE_WRITE_LIMIT = 16 * 1024;

    private final InetSocketAddress address;
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-http-writer");
        thread.setDaemon(true);
        return thread;
    });

    public RawHttp(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /** The start of {@link Response#failure()} when the server said nothing for too long. */
    public static final String TIMED_OUT = "no answer within";

    /** What came back: a status with headers (lower-case names) and body, or no answer at all and why. */
    public record Response(int status, Map<String, String> headers, byte[] body, String failure) {

        public boolean answered() {
            return status > 0;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Response noAnswer(String failure) {
            return new Response(0, Map.of(), new byte[0], failure);
        }
    }

    /**
     * Sends the request bytes and reads one response.
     *
     * @param headRequest whether the request is a HEAD, whose response has no body whatever its headers say
     */
    public Response exchange(byte[] request, boolean headRequest) {
        return exchange(request, headRequest, READ_TIMEOUT);
    }

    /** Like {@link #exchange(byte[], boolean)}, giving up when the server is silent for {@code patience}. */
    public Response exchange(byte[] request, boolean headRequest, Duration patience) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            Future<?> writing = null;
            if (request.length <= INLINE_WRITE_LIMIT) {
                out.write(request);
                out.flush();
            } else {
                writing = writers.submit(() -> {
                    out.write(request);
                    out.flush();
                    return null;
                });
            }
            try {
                return read(new BufferedInputStream(socket.getInputStream()), headRequest);
            } finally {
                if (writing != null) {
                    // Closing the socket (on leaving this block) ends a write the server never read.
                    writing.cancel(true);
                }
            }
        } catch (SocketTimeoutException e) {
            return Response.noAnswer(TIMED_OUT + " " + patience.toMillis() + " ms");
        } catch (IOException e) {
            return Response.noAnswer(e.toString());
        }
    }

    private static Response read(InputStream in, boolean headRequest) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                return Response.noAnswer("connection closed before a status line");
            }
            // The protocol is not checked: Vert.x answers in whatever version the request named (even "FOO/1.1").
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[1].matches("[0-9]{3}")) {
                return Response.noAnswer("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (first, second) -> first + ", " + second);
                }
            }
            if (status == 100) {
                continue;
            }
            // After 101 the connection speaks another protocol; nothing more to read as HTTP/1.1.
            boolean noBody = headRequest || status == 101 || status == 204 || status == 304;
            byte[] body = noBody ? new byte[0] : readBody(in, headers);
            return new Response(status, Map.copyOf(headers), body, null);
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String sizeLine = readLine(in); sizeLine != null; sizeLine = readLine(in)) {
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0 || body.size() + size > MAX_BODY_BYTES) {
                    break;
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
            return body.toByteArray();
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            return in.readNBytes((int) Math.min(MAX_BODY_BYTES, Long.parseLong(contentLength)));
        }
        try {
            return in.readNBytes(MAX_BODY_BYTES);
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
    }

    /** A line up to CRLF (or LF), read as ISO-8859-1; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
            b = in.read();
        }
        return line.toString();
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
