package io.qnative.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.qnative.gateway.PodConnections.Request;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

/**
 * One pod connection and its channel handler: carries one request at a time; goes back to the pool only once the
 * request was written in full and the response ended on a keep-alive connection (not {@code Connection: close}, not
 * HTTP/1.0 without {@code keep-alive}), else it closes. A close or error before any byte of the response on a
 * connection that carried earlier exchanges is reported as {@code unanswered} ({@link Request#failed}).
 */
final class PodChannel extends ChannelInboundHandlerAdapter {
    private final PodConnections.Pool pool;
    final Decoder decoder = new Decoder();
    Channel channel;
    long idleSince;
    /** Exchanges started on this connection, the current one included. */
    private int exchanges;
    private Request current;
    private boolean requestDone;
    private boolean responseDone;
    private boolean keepAlive;
    private boolean interim;
    private boolean inactive;

    PodChannel(PodConnections.Pool pool) {
        this.pool = pool;
    }

    void start(Request request) {
        current = request;
        requestDone = false;
        responseDone = false;
        keepAlive = true;
        interim = false;
        exchanges++;
        decoder.head = false;
        decoder.received = false;
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        request.connected(this);
    }

    /** Whether the connection carried an exchange before the current one. */
    boolean reused() {
        return exchanges > 1;
    }

    /** The channel, for the request's writes. */
    Channel channel() {
        return channel;
    }

    /** Marks the request as a HEAD (its response has no body whatever its Content-Length). */
    void head(boolean head) {
        decoder.head = head;
    }

    /** The request has been written in full. */
    void requestDone() {
        requestDone = true;
        if (responseDone) {
            recycle();
        }
    }

    /** The request gives up the connection before its exchange ended: it closes. */
    void reset() {
        current = null;
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Request r = current;
        if (r == null) {
            // nothing asked: a pod that answers unprompted cannot be trusted with the next request
            io.netty.util.ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse resp) {
            if (resp.decoderResult().isFailure()) {
                io.netty.util.ReferenceCountUtil.release(msg);
                fail(resp.decoderResult().cause());
                return;
            }
            int code = resp.status().code();
            if (code < 200 && code != 101) {
                interim = true; // 100 Continue and the like: the final response follows
            } else {
                keepAlive = HttpUtil.isKeepAlive(resp);
                r.head(resp);
            }
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                fail(content.decoderResult().cause());
                return;
            }
            if (interim) {
                content.release();
                if (content instanceof LastHttpContent) {
                    interim = false;
                }
                return;
            }
            if (content.content().isReadable()) {
                r.content(content.content());
            } else {
                content.release();
            }
            if (current != r) {
                return; // the request gave up meanwhile (reset: the connection is closing)
            }
            if (content instanceof LastHttpContent last) {
                responseDone = true;
                current = null;
                // the request may reset the connection here (its body was not sent in full)
                r.end(last.trailingHeaders());
                if (requestDone) {
                    recycle();
                }
            }
        }
    }

    /** Back to the pool unused (the request it was opened for ended meanwhile). */
    void giveBack() {
        current = null;
        recycle();
    }

    private void recycle() {
        current = null;
        if (keepAlive && !inactive && channel.isActive()) {
            pool.release(this);
        } else {
            channel.close();
        }
    }

    private void fail(Throwable cause) {
        Request r = current;
        current = null;
        channel.close();
        if (r != null && !responseDone) {
            r.failed(cause, unanswered());
        }
    }

    /** The connection carried earlier exchanges and nothing of the current one's response arrived. */
    private boolean unanswered() {
        return reused() && !decoder.received;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Request r = current;
        if (r != null && ctx.channel().isWritable()) {
            r.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        inactive = true;
        // the decoder ends a read-until-close body here, before this handler hears of the close
        super.channelInactive(ctx);
        Request r = current;
        current = null;
        pool.closed(this);
        if (r != null && !responseDone) {
            r.failed(new java.nio.channels.ClosedChannelException(), unanswered());
        }
    }

    /**
     * Netty's response decoder writing the head into a Vert.x header map (unvalidated), told when a response has no
     * body; notes whether any byte of the current response arrived.
     */
    static final class Decoder extends HttpResponseDecoder {
        boolean head;
        boolean received;

        Decoder() {
            // Vert.x's client defaults: initial line 4,096, headers 8,192, chunks 8,192
            super(4096, 8192, 8192, false);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            received = true;
            super.channelRead(ctx, msg);
        }

        @Override
        protected HttpMessage createMessage(String[] initialLine) {
            return new DefaultHttpResponse(HttpVersion.valueOf(initialLine[0]),
                    HttpResponseStatus.valueOf(Integer.parseInt(initialLine[1]), initialLine[2]),
                    // not validated as it is parsed: the copy into the client's response validates what it passes on
                    // (PodExchange#head), so the head's names and values are scanned once, not twice
                    HeadersMultiMap.headers());
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            if (head && ((HttpResponse) msg).status().code() >= 200) {
                return true;
            }
            return super.isContentAlwaysEmpty(msg);
        }
    }
}
