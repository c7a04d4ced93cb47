package io.qnative.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pod as a plain-socket HTTP/1.1 server on loopback whose every answer is scripted per connection and request: a
 * raw response (the connection kept open afterwards unless told), or no answer and a close (FIN) or a reset (RST) right after the
 * request's head, as a server closing a keep-alive connection it holds idle does when a request crosses the close.
 * It records every request it read and the connections their peer closed.
 */
final class RawPod implements AutoCloseable {

    /** A request the pod read: its connection (numbered from 1 in accept order) and its place on it (from 1). */
    record Seen(int connection, int request, String method, String path, Map<String, String> headers, String body) {
    }

    /** What the pod does with a request. */
    record Reply(String raw, boolean closes, boolean resets) {

        /** A 200 with {@code body} and its Content-Length; the connection stays open. */
        static Reply ok(String body) {
            return raw("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        }

        /** These bytes as the answer; the connection stays open. */
        static Reply raw(String raw) {
            return new Reply(raw, false, false);
        }

        /** These bytes as the answer, then the connection is closed. */
        static Reply rawThenClose(String raw) {
            return new Reply(raw, true, false);
        }

        /** No answer: the connection is closed (FIN) right after the request's head. */
        static Reply close() {
            return new Reply(null, true, false);
        }

        /** No answer: the connection is reset (RST) right after the request's head. */
        static Reply reset() {
            return new Reply(null, true, true);
        }
    }

    /** Decides a request's reply from its head ({@code body} still null). */
    interface Script {
        Reply reply(Seen head);
    }

    /** Every request read, in order, with its body when it was answered. */
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Connections whose peer (the gateway) closed them while the pod waited for a request. */
    final Set<Integer> closedByPeer = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    RawPod(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "raw-pod-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The requests read for {@code path}, probes and others left out. */
    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s, n), "raw-pod-conn-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            InputStream in = s.getInputStream();
            for (int request = 1; ; request++) {
                String head = readHead(in);
                if (head == null) {
                    if (request > 1) {
                        closedByPeer.add(connection);
                    }
                    return;
                }
                String[] lines = head.split("\r\n");
                String[] start = lines[0].split(" ");
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
                Seen seenHead = new Seen(connection, request, start[0], start[1].split("\\?")[0], headers, null);
                Reply reply = script.reply(seenHead);
                if (reply.raw() == null) {
                    seen.add(seenHead);
                    if (reply.resets()) {
                        s.setSoLinger(true, 0);
                    }
                    return;
                }
                String body = readBody(in, headers);
                seen.add(new Seen(connection, request, seenHead.method(), seenHead.path(), headers, body));
                s.getOutputStream().write(reply.raw().getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (reply.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away: nothing to serve
        } finally {
            open.remove(s);
        }
    }

    /** The head up to its blank line (excluded), or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.ISO_8859_1);
        }
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return "";
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toString();
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
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
        if (b < 0) {
            throw new IOException("end of stream in a chunked body");
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
