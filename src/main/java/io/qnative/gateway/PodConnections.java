package io.qnative.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to pods on raw netty channels, one pool per event loop and pod: a request's pod
 * connection runs on the loop that serves its client, its head is written as one buffer and the response is parsed
 * by netty's {@link HttpResponseDecoder} into Vert.x's header map (the one the response's copy reads), with none of
 * Vert.x's client machinery per request (pool lease, futures, request and response objects, the header copy into
 * netty's map). At most {@code perPod} connections per pod and loop, further requests wait for one (Knative's
 * transport allows 100); an idle connection is closed after {@link #IDLE_SECONDS}. Only ever used from event-loop
 * threads; each loop's pools are its own.
 */
final class PodConnections {

    /** How long an idle pooled connection is kept (Vert.x's client was set to 30 s keep-alive). */
    static final int IDLE_SECONDS = 30;
    static final int CONNECT_TIMEOUT_MILLIS = 2000;

    /** What a pod connection tells the request it carries. Called on the connection's event loop. */
    interface Request {
        /** The connection is open and the request may be written. */
        void connected(PodChannel channel);

        /** The connection could not be opened (refused, unreachable, timed out). */
        void connectFailed(Throwable cause);

        /** The response's head (a final status: interim 1xx responses are skipped). */
        void head(HttpResponse head);

        /** A piece of the response body; the request owns {@code content} and must release it. */
        void content(io.netty.buffer.ByteBuf content);

        /** The response ended with these trailers (empty for most responses). */
        void end(HttpHeaders trailers);

        /** The connection failed or closed before the response ended. */
        void failed(Throwable cause);

        /** The connection can take more of the request body again. */
        void writable();
    }

    private final Vertx vertx;
    private final int perPod;
    private final FastThreadLocal<Loop> loops = new FastThreadLocal<>();
    private final List<Loop> all = new ArrayList<>();
    private volatile boolean closed;

    PodConnections(Vertx vertx, int perPod) {
        this.vertx = vertx;
        this.perPod = perPod;
    }

    /**
     * Hands {@code request} a connection to {@code ip:port} of the current event loop's pool: an idle one, a new one
     * (up to {@code perPod}), or the next one released, on {@code loop} (the request's own).
     */
    void acquire(EventLoop loop, String ip, int port, Request request) {
        if (!loop.inEventLoop()) {
            // the pools are the calling loop's own: a request always asks from its own loop (ProxyStep runs there)
            loop.execute(() -> acquire(loop, ip, port, request));
            return;
        }
        if (closed) {
            request.connectFailed(new IllegalStateException("closed"));
            return;
        }
        loopOf(loop).pool(ip, port).acquire(request);
    }

    private Loop loopOf(EventLoop eventLoop) {
        Loop loop = loops.get();
        if (loop == null) {
            loop = new Loop(eventLoop);
            loops.set(loop);
            synchronized (all) {
                all.add(loop);
            }
        }
        return loop;
    }

    /**
     * Refuses further requests, fails those waiting for a connection and closes the idle ones; a connection in use
     * closes when its exchange ends.
     */
    void close() {
        closed = true;
        List<Loop> copy;
        synchronized (all) {
            copy = new ArrayList<>(all);
        }
        for (Loop loop : copy) {
            loop.eventLoop.execute(loop::close);
        }
    }

    /** One event loop's pools. */
    private final class Loop {
        final EventLoop eventLoop;
        final Map<String, Map<Integer, Pool>> pools = new HashMap<>();
        ScheduledFuture<?> sweep;

        Loop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
        }

        Pool pool(String ip, int port) {
            Map<Integer, Pool> byPort = pools.get(ip);
            if (byPort == null) {
                byPort = new HashMap<>(2);
                pools.put(ip, byPort);
            }
            Pool pool = byPort.get(port);
            if (pool == null) {
                pool = new Pool(this, ip, port);
                byPort.put(port, pool);
                if (sweep == null) {
                    sweep = eventLoop.scheduleAtFixedRate(this::sweep, 5, 5, TimeUnit.SECONDS);
                }
            }
            return pool;
        }

        /** Closes connections idle longer than {@link #IDLE_SECONDS}; forgets pools with no connection. */
        void sweep() {
            long oldest = System.nanoTime() - TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
            for (var byPort = pools.values().iterator(); byPort.hasNext(); ) {
                Map<Integer, Pool> ports = byPort.next();
                for (var it = ports.values().iterator(); it.hasNext(); ) {
                    Pool pool = it.next();
                    pool.closeIdleSince(oldest);
                    if (pool.open == 0 && pool.waiters.isEmpty()) {
                        it.remove();
                    }
                }
                if (ports.isEmpty()) {
                    byPort.remove();
                }
            }
            if (pools.isEmpty() && sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }

        void close() {
            for (Map<Integer, Pool> ports : pools.values()) {
                for (Pool pool : ports.values()) {
                    pool.closeAll();
                }
            }
            pools.clear();
            if (sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }
    }

    /** One loop's connections to one pod. */
    private final class Pool {
        final Loop loop;
        final String ip;
        final int port;
        final ArrayDeque<PodChannel> idle = new ArrayDeque<>();
        final ArrayDeque<Request> waiters = new ArrayDeque<>();
        /** Connections open or opening, idle ones included. */
        int open;

        Pool(Loop loop, String ip, int port) {
            this.loop = loop;
            this.ip = ip;
            this.port = port;
        }

        void acquire(Request request) {
            PodChannel ch = idle.pollFirst();
            if (ch != null) {
                ch.start(request);
                return;
            }
            if (open < perPod) {
                connect(request);
            } else {
                waiters.add(request);
            }
        }

        private void connect(Request request) {
            open++;
            PodChannel handler = new PodChannel(this);
            Bootstrap b = new Bootstrap().group(loop.eventLoop)
                    .channelFactory(((VertxInternal) vertx).transport().channelFactory(false))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("decoder", handler.decoder).addLast("pod", handler);
                        }
                    });
            ChannelFuture f = b.connect(ip, port);
            f.addListener(done -> {
                if (done.isSuccess()) {
                    handler.channel = f.channel();
                    handler.start(request);
                } else {
                    open--;
                    request.connectFailed(done.cause());
                    next();
                }
            });
        }

        /** A connection finished its exchange cleanly: the next waiter gets it, else it waits idle. */
        void release(PodChannel ch) {
            if (closed) {
                ch.channel.close();
                return;
            }
            Request waiter = waiters.pollFirst();
            if (waiter != null) {
                ch.start(waiter);
                return;
            }
            ch.idleSince = System.nanoTime();
            idle.addFirst(ch);
        }

        /** A connection closed: a waiter gets a new one in its place. */
        void closed(PodChannel ch) {
            open--;
            idle.remove(ch);
            next();
        }

        private void next() {
            if (!waiters.isEmpty() && open < perPod && !closed) {
                connect(waiters.pollFirst());
            }
        }

        void closeIdleSince(long oldest) {
            for (var it = idle.descendingIterator(); it.hasNext(); ) {
                PodChannel ch = it.next();
                if (ch.idleSince - oldest < 0) {
                    it.remove();
                    ch.channel.close();
                }
            }
        }

        void closeAll() {
            while (!waiters.isEmpty()) {
                waiters.pollFirst().connectFailed(new IllegalStateException("closed"));
            }
            for (PodChannel ch : new ArrayList<>(idle)) {
                ch.channel.close();
            }
            idle.clear();
        }
    }

    /** Netty's response decoder writing the head into Vert.x's header map, told when a response has no body. */
    private static final class Decoder extends HttpResponseDecoder {
        boolean head;

        Decoder() {
            // Vert.x's client defaults: initial line 4,096, headers 8,192, chunks 8,192
            super(4096, 8192, 8192, false);
        }

        @Override
        protected HttpMessage createMessage(String[] initialLine) {
            return new DefaultHttpResponse(HttpVersion.valueOf(initialLine[0]),
                    HttpResponseStatus.valueOf(Integer.parseInt(initialLine[1]), initialLine[2]),
                    HeadersMultiMap.httpHeaders());
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            if (head && ((HttpResponse) msg).status().code() >= 200) {
                return true;
            }
            return super.isContentAlwaysEmpty(msg);
        }
    }

    /**
     * One pod connection and its channel handler: carries one request at a time; goes back to the pool only once the
     * request was written in full and the response ended on a keep-alive connection, else it closes.
     */
    static final class PodChannel extends ChannelInboundHandlerAdapter {
        private final Pool pool;
        final Decoder decoder = new Decoder();
        Channel channel;
        long idleSince;
        private Request current;
        private boolean requestDone;
        private boolean responseDone;
        private boolean keepAlive;
        private boolean interim;
        private boolean inactive;

        private PodChannel(Pool pool) {
            this.pool = pool;
        }

        void start(Request request) {
            current = request;
            requestDone = false;
            responseDone = false;
            keepAlive = true;
            interim = false;
            decoder.head = false;
            if (!channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            request.connected(this);
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
                r.failed(cause);
            }
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
                r.failed(new java.nio.channels.ClosedChannelException());
            }
        }
    }
}
