package com.example.jwt.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/** The suite's HTTP client: plain HTTP/1.1 to the app under test, every call bounded in time. */
public final class Http implements AutoCloseable {
    /**
     * The suite's deadline: no answer may take longer. The contract's own bounds are far tighter (2 s while the JWKS
     * fails, at once otherwise), so a request that hits it has hung, whether it would have ended at 7 s or at 60.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);

    /** No answer within {@link #REQUEST_TIMEOUT}, or the connection closed without one: the case ends there. */
    public static final class NoAnswer extends RuntimeException {
        public NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A request written to the socket, whose answer has not been read yet. */
    public interface Pending {
        Answer answer();
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "contract-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();

    /** GET with these headers (name, value, name, value...). */
    public Answer get(URI uri, String... headers) {
        return join(send(uri, headers));
    }

    /** The answer of a request sent with {@link #send}; a timeout or a closed connection is {@link NoAnswer}. */
    public static Answer join(CompletableFuture<Answer> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw new NoAnswer("no answer: " + rootMessage(e), e);
        }
    }

    /** The same GET, not waiting for the answer. */
    public CompletableFuture<Answer> send(URI uri, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Answer(
                        r.statusCode(), r.headers().map(), r.body(), (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * The status of a GET with these headers (name, value...), or -1 when nothing answers: for polling an app that is
     * starting, where a refused connection is expected.
     */
    public int status(URI uri, String... headers) {
        try {
            return send(uri, headers).join().status();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) {
                return -1;
            }
            throw e;
        }
    }

    /**
     * Sends a request written by hand, for header shapes that {@link HttpClient} tidies up (surrounding white space).
     * Reads one HTTP/1.1 answer with a Content-Length or chunked body.
     */
    public Answer raw(URI base, String path, String... headerLines) {
        return rawRequest(base, "GET", path, headerLines);
    }

    /**
     * A request written by hand with any method and request target, sent as is: repeated header fields, odd methods
     * and targets that {@link HttpClient} refuses or normalises. An answer to HEAD has no body.
     */
    public Answer rawRequest(URI base, String method, String target, String... headerLines) {
        return sendRaw(base, method, target, headerLines).answer();
    }

    /**
     * Writes a request by hand, as {@link #rawRequest} does, and returns once every byte of it has been written: a case
     * knows that the app has received it. The answer is read when asked for, within the suite's deadline.
     */
    public Pending sendRaw(URI base, String method, String target, String... headerLines) {
        long start = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) REQUEST_TIMEOUT.toMillis());
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: close\r\n");
            for (String line : headerLines) {
                req.append(line).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // a server may answer (431, 400) and close before it has read all of a large request: read that
            }
        } catch (IOException e) {
            close(socket);
            throw new NoAnswer(method + " " + target + ": no connection: " + e, e);
        }
        return () -> {
            try (socket) {
                long deadline = start + REQUEST_TIMEOUT.toNanos();
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                return parse(
                        socket.getInputStream(), method.equals("HEAD"), () -> (System.nanoTime() - start) / 1_000_000);
            } catch (IOException e) {
                throw new NoAnswer(method + " " + target + ": no answer: " + e, e);
            }
        };
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static Answer parse(InputStream in, boolean head, LongSupplier elapsed) throws IOException {
        String headText = readHead(in);
        long millis = elapsed.getAsLong();
        if (headText.isEmpty()) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] lines = headText.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        Answer noBody = new Answer(status, headers, "", millis);
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(noBody.first("transfer-encoding"))) {
            body = readChunked(in);
        } else if (noBody.first("content-length") != null) {
            body = in.readNBytes(Integer.parseInt(noBody.first("content-length").trim()));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), millis);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The innermost cause's type and message, for failure messages. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
