package io.qnative.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.VertxHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One plain HTTP/1.x request proxied over a {@link PodConnections} connection (the path {@link ProxyStep} takes for
 * HTTP/1.1 pods when the client speaks HTTP/1.x and asks no upgrade): the head goes out as one buffer, the body
 * follows as the client sends it (as is with a {@code Content-Length}, else chunked) with backpressure both ways, the
 * response streams back with its trailers. A failure goes to {@link ProxyStep}'s retry-or-502 rules as the Vert.x
 * client path's do; on a reused connection the body is kept (up to {@link #KEEP_LIMIT}) while the request may be sent
 * again ({@link ProxyStep#resend}). Everything runs on the request's event loop.
 */
final class PodExchange implements PodConnections.Request {

    private static final byte[] VERSION_CRLF = " HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HOST = "Host: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Bytes allocated for a request head beyond its URI and authority. */
    private static final int HEAD_ROOM = 1024;
    /** The most request body kept for sending again; a longer one is not sent again. */
    static final int KEEP_LIMIT = 64 * 1024;

    private final ProxyStep proxy;
    private final Exchange ex;
    /** The body to send (the client's, kept by the exchange this one sends again), or null: the client's stream. */
    private final List<Buffer> resent;
    /** The body sent so far while the request may be sent again on another connection, else null. */
    private List<Buffer> kept;
    private int keptBytes;
    private boolean bodyless;
    private PodChannel channel;
    private boolean requestDone;
    private boolean chunked;
    private boolean paused;
    private boolean gone;

    PodExchange(ProxyStep proxy, Exchange ex) {
        this(proxy, ex, null);
    }

    /** @param resent the request's whole body when it is sent again (empty when it has none), else null */
    PodExchange(ProxyStep proxy, Exchange ex, List<Buffer> resent) {
        this.proxy = proxy;
        this.ex = ex;
        this.resent = resent;
    }

    private boolean current() {
        return !gone && ex.podRequest == this && !ex.finished();
    }

    /** The exchange gives up this request: its connection closes (a partial exchange cannot be reused). */
    void reset() {
        gone = true;
        if (channel != null) {
            PodChannel c = channel;
            channel = null;
            c.reset();
        }
    }

    @Override
    public void connected(PodChannel pod) {
        if (!current()) {
            pod.giveBack();
            return;
        }
        channel = pod;
        HttpServerRequest req = ex.request;
        // a map that does not check each header again: the client's were checked as Vert.x's server parsed them,
        // the forwarding headers are built from those and the connection's address, and the route's appended headers
        // are checked as they are added (Headers.append); the trace headers are the span's ids and the client's
        // tracestate as OpenTelemetry's propagator parsed and wrote it
        HeadersMultiMap headers = HeadersMultiMap.headers();
        ProxyStep.writeHead(ex, headers);
        MultiMap in = req.headers();
        boolean sized = in.contains(HttpHeaders.CONTENT_LENGTH);
        chunked = !sized && in.contains(HttpHeaders.TRANSFER_ENCODING);
        if (chunked) {
            headers.add(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        HttpMethod method = req.method();
        pod.head(method == HttpMethod.HEAD);
        Channel ch = pod.channel();
        String uri = req.uri();
        // room for the forwarded head at once (the added forwarding headers alone are about 250 bytes): a buffer
        // that grows while the headers are encoded is allocated and copied again
        ByteBuf head = ch.alloc().buffer(HEAD_ROOM + uri.length() + 3 * ex.authority.length());
        ByteBufUtil.writeAscii(head, method.name());
        head.writeByte(' ');
        ByteBufUtil.writeUtf8(head, uri);
        head.writeBytes(VERSION_CRLF);
        head.writeBytes(HOST);
        ByteBufUtil.writeUtf8(head, ex.authority);
        head.writeBytes(CRLF);
        headers.encode(head);
        head.writeBytes(CRLF);
        if (!sized && !chunked) {
            // HTTP/1.x: no Content-Length and no Transfer-Encoding, no body
            bodyless = true;
            ch.writeAndFlush(head, ch.voidPromise());
            done(req);
            return;
        }
        if (resent != null) {
            ch.write(head, ch.voidPromise());
            for (Buffer buf : resent) {
                writeBody(ch, buf);
            }
            if (chunked) {
                ch.write(io.netty.buffer.Unpooled.wrappedBuffer(LAST_CHUNK), ch.voidPromise());
            }
            ch.flush();
            done(req);
            return;
        }
        ch.writeAndFlush(head, ch.voidPromise());
        if (req.isEnded()) {
            // a retry: the client's request (without a body, or it would not be retried) ended on the first try
            done(req);
            return;
        }
        if (pod.reused() && ProxyStep.replayable(req)) {
            kept = new ArrayList<>(2);
        }
        req.handler(buf -> {
            if (gone) {
                return;
            }
            int n = buf.length();
            if (n == 0) {
                return;
            }
            ex.bodyRead = true;
            if (kept != null) {
                keptBytes += n;
                if (keptBytes <= KEEP_LIMIT) {
                    kept.add(buf);
                } else {
                    kept = null;
                }
            }
            writeBody(ch, buf);
            ch.flush();
            // (a connection that failed is not writable either: the client's request is not paused for it)
            if (channel != null && !ch.isWritable()) {
                paused = true;
                req.pause();
            }
        });
        req.endHandler(v -> {
            if (gone) {
                return;
            }
            if (chunked) {
                ch.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(LAST_CHUNK), ch.voidPromise());
            }
            requestDone = true;
            pod.requestDone();
        });
        req.resume();
    }

    /** Writes (without flushing) a piece of the body, as a chunk when the request is chunked. */
    private void writeBody(Channel ch, Buffer buf) {
        if (chunked) {
            ByteBuf size = ch.alloc().buffer(12);
            ByteBufUtil.writeAscii(size, Integer.toHexString(buf.length()));
            size.writeBytes(CRLF);
            ch.write(size, ch.voidPromise());
            ch.write(buf.getByteBuf(), ch.voidPromise());
            ch.write(io.netty.buffer.Unpooled.wrappedBuffer(CRLF), ch.voidPromise());
        } else {
            // a fresh slice of the client's (heap, not reference-counted) buffer: a kept one can be written again
            ch.write(buf.getByteBuf(), ch.voidPromise());
        }
    }

    private void done(HttpServerRequest req) {
        requestDone = true;
        channel.requestDone();
        if (ex.paused && !req.isEnded()) {
            req.resume();
        }
    }

    @Override
    public void writable() {
        if (paused && current()) {
            paused = false;
            ex.request.resume();
        }
    }

    @Override
    public void connectFailed(Throwable cause) {
        if (!current()) {
            return;
        }
        ex.podRequest = null;
        proxy.connectFailed(ex);
    }

    @Override
    public void head(HttpResponse resp) {
        if (!current()) {
            return;
        }
        kept = null;
        HttpServerResponse out = ex.response();
        MultiMap from = (MultiMap) resp.headers();
        MultiMap headers = out.headers();
        try {
            // validated here, by the client response's map, and only here (PodChannel's decoder does not)
            Headers.copyResponse(from, headers);
        } catch (IllegalArgumentException invalid) {
            // a head the client cannot be given: as a head the decoder refused, before the response started
            headers.clear();
            reset();
            proxy.upstreamFailed(ex);
            return;
        }
        int code = resp.status().code();
        ex.status = code;
        if (ex.timer != null) {
            ex.timer.responseStarted();
        }
        out.setStatusCode(code);
        String message = resp.status().reasonPhrase();
        // the code's standard reason phrase is what the server writes anyway: setting it again builds a status object
        if (!message.equals(HttpResponseStatus.valueOf(code).reasonPhrase())) {
            out.setStatusMessage(message);
        }
        String length = from.get(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            out.setChunked(true);
            ProxyStep.sendStreamedHead(out);
        }
        ex.bodyLeft = ProxyStep.contentLength(length);
    }

    @Override
    public void content(ByteBuf content) {
        if (!current()) {
            content.release();
            return;
        }
        HttpServerResponse out = ex.response();
        if (ProxyStep.writeBody(ex, out, ex.timer, Buffer.buffer(VertxHandler.safeBuffer(content)))) {
            PodChannel pod = channel;
            pod.channel().config().setAutoRead(false);
            out.drainHandler(v -> pod.channel().config().setAutoRead(true));
        }
    }

    @Override
    public void end(io.netty.handler.codec.http.HttpHeaders trailers) {
        if (!requestDone) {
            // the pod answered before the whole request was sent: the connection is not reused
            reset();
        }
        channel = null;
        if (ex.podRequest != this || ex.finished()) {
            return;
        }
        HttpServerResponse out = ex.response();
        if (!trailers.isEmpty()) {
            MultiMap to = out.trailers();
            for (Map.Entry<String, String> t : trailers) {
                to.add(t.getKey(), t.getValue());
            }
        }
        out.end();
    }

    @Override
    public void failed(Throwable cause, boolean unanswered) {
        channel = null;
        if (!current()) {
            return;
        }
        // the pod may not have seen the request: one that can be sent unchanged goes again, its body from kept; a
        // bodyless PUT or DELETE, which would go to another pod otherwise, goes again to this one too: a stale
        // keep-alive connection is no fault of the pod's, so it is not ejected for it (a dead pod refuses the new
        // connection, and that ejects it)
        if (unanswered && resent == null && bodyless && ProxyStep.IDEMPOTENT.contains(ex.request.method())) {
            proxy.resend(ex, List.of());
            return;
        }
        if (unanswered && resent == null && ProxyStep.replayable(ex.request)) {
            if (bodyless) {
                proxy.resend(ex, List.of());
                return;
            }
            if (kept != null) {
                // the failure can surface in a write of the body's last piece, the end of the client's request still
                // queued behind it: whether the body is known in full is told once that piece was handled
                ((ContextInternal) ex.context).nettyEventLoop().execute(() -> {
                    if (current()) {
                        if (kept != null && ex.request.isEnded()) {
                            proxy.resend(ex, kept);
                        } else {
                            proxy.upstreamFailed(ex);
                        }
                    }
                });
                return;
            }
        }
        proxy.upstreamFailed(ex);
    }
}
