package com.example.jwt.contract;

import com.example.jwt.issuer.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The smallest HTTP/1.1 server that keeps every answer in JSON, for {@link NaiveApp}: the JDK's own HttpServer answers
 * malformed request targets and unroutable paths itself, in HTML, and drops connections over its header limits (ANS-8).
 * One request per connection; a request line over 8 KiB gets 414, headers over 16 KiB or 100 fields get 431.
 */
final class MiniHttpServer implements AutoCloseable {
    static final int MAX_REQUEST_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_HEADER_FIELDS = 100;

    /** One request and its answer. Header names are lower case. */
    static final class Exchange {
        final String method;
        final URI uri;
        final Map<String, List<String>> headers;
        final Map<String, String> responseHeaders = new LinkedHashMap<>();
        private final OutputStream out;

        Exchange(String method, URI uri, Map<String, List<String>> headers, OutputStream out) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.out = out;
        }

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        void send(int status, Map<String, ?> body) throws IOException {
            send(status, "application/json", Json.write(body));
        }

        void send(int status, String contentType, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " \r\n");
            responseHeaders.forEach(
                    (n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(bytes.length)
                    .append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!method.equals("HEAD")) {
                out.write(bytes);
            }
            out.flush();
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    private final ServerSocket socket;
    private final Handler handler;

    MiniHttpServer(String host, int port, Handler handler) throws IOException {
        this.socket = new ServerSocket(port, 200, InetAddress.getByName(host));
        this.handler = handler;
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String requestLine = readLine(in, MAX_REQUEST_LINE);
            if (requestLine == null) {
                refuse(s, 414, "uri_too_long");
                return;
            }
            String[] parts = requestLine.split(" ", -1);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int bytes = 0;
            int fields = 0;
            for (String line = readLine(in, MAX_HEADER_BYTES); ; line = readLine(in, MAX_HEADER_BYTES)) {
                if (line == null || (bytes += line.length()) > MAX_HEADER_BYTES || ++fields > MAX_HEADER_FIELDS) {
                    refuse(s, 431, "request_header_fields_too_large");
                    return;
                }
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    refuse(s, 400, "invalid_request");
                    return;
                }
                headers.computeIfAbsent(
                                line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            URI uri = parts.length == 3
                            && parts[1].startsWith("/")
                            && parts[2].startsWith("HTTP/1.")
                            && parts[0].matches("[A-Z]+")
                    ? target(parts[1])
                    : null;
            if (uri == null) {
                refuse(s, 400, "invalid_request");
                return;
            }
            Exchange exchange = new Exchange(parts[0], uri, headers, out);
            try {
                handler.handle(exchange);
            } catch (RuntimeException | Error e) {
                // like any server: an exception the handler let through is a 500
                exchange.send(500, Map.of("error", "server_error"));
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException | RuntimeException e) {
            // nothing more to say on this connection
        }
    }

    private static URI target(String raw) {
        try {
            URI uri = new URI(raw);
            return uri.getRawAuthority() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Answers, then reads what the client still sends: closing with unread input would reset the connection. */
    private static void refuse(Socket s, int status, String error) throws IOException {
        new Exchange("GET", null, Map.of(), s.getOutputStream()).send(status, Map.of("error", error));
        s.shutdownOutput();
        s.setSoTimeout(1000);
        s.getInputStream().readNBytes(1 << 20);
    }

    /** One CRLF-terminated line, or null when it is longer than max bytes. */
    private static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() >= max) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("the connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
