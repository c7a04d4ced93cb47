package io.qnative.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keep-alive HTTP/1.1 connections to pods on raw netty channels, one pool per event loop and pod: a request's pod
 * connection runs on the loop that serves its client, its head is written as one buffer and the response is parsed
 * by netty's {@link HttpResponseDecoder} into Vert.x's header map (the one the response's copy reads), with none of
 * Vert.x's client machinery per request (pool lease, futures, request and response objects, the header copy into
 * netty's map). At most {@code perPod} connections per pod and loop, further requests wait for one (Knative's
 * transport allows 100). A connection idle longer than {@link #IDLE} is not used again and is closed by a sweep,
 * before the pod's own keep-alive timeout is likely to close it under a request; one the pod closes anyway under a
 * request it did not answer a byte of is reported as such ({@link Request#failed}), for the request to be sent again
 * on a new connection when that is safe (Go's {@code net/http} Transport, {@code shouldRetryRequest} in
 * {@code transport.go}). Only ever used from event-loop threads; each loop's pools are its own.
 */
final class PodConnections {

    /**
     * How long an idle pooled connection is kept: below the keep-alive timeouts servers commonly close idle
     * connections after (Node's 5 s, uvicorn's 5 s, Apache's 5 s; nginx 75 s; Go's http.Server none), so the pod
     * rarely closes one just as a request goes out on it; one that it does close (gunicorn's 2 s) is sent again.
     */
    static final Duration IDLE = Duration.ofSeconds(4);
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

        /**
         * The connection failed or closed before the response ended.
         *
         * @param unanswered the connection had carried earlier exchanges and closed before any byte of this
         *     response: the pod most likely closed it as idle while the request went out (Go's
         *     {@code errServerClosedIdle}), so it may not have seen the request at all
         */
        void failed(Throwable cause, boolean unanswered);

        /** The connection can take more of the request body again. */
        void writable();
    }

    private final Vertx vertx;
    private final int perPod;
    private final long idleNanos;
    private final LongSupplier nanos;
    private final FastThreadLocal<Loop> loops = new FastThreadLocal<>();
    private final List<Loop> all = new ArrayList<>();
    private volatile boolean closed;

    PodConnections(Vertx vertx, int perPod) {
        this(vertx, perPod, IDLE, System::nanoTime);
    }

    /**
     * @param idle how long an idle connection is kept
     * @param nanos the clock connections are idle by
     */
    PodConnections(Vertx vertx, int perPod, Duration idle, LongSupplier nanos) {
        this.vertx = vertx;
        this.perPod = perPod;
        this.idleNanos = idle.toNanos();
        this.nanos = nanos;
    }

    /**
     * Hands {@code request} a connection to {@code ip:port} of the current event loop's pool: an idle one, a new one
     * (up to {@code perPod}), or the next one released, on {@code loop} (the request's own).
     *
     * @param fresh a new connection, not an idle one (when {@code perPod} are open the request takes the next one
     *     released, ahead of the other waiters)
     */
    void acquire(EventLoop loop, String ip, int port, Request request, boolean fresh) {
        if (!loop.inEventLoop()) {
            // the pools are the calling loop's own: a request always asks from its own loop (ProxyStep runs there)
            loop.execute(() -> acquire(loop, ip, port, request, fresh));
            return;
        }
        if (closed) {
            request.connectFailed(new IllegalStateException("closed"));
            return;
        }
        loopOf(loop).pool(ip, port).acquire(request, fresh);
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
                    long period = Math.max(1, idleNanos / 4);
                    sweep = eventLoop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
                }
            }
            return pool;
        }

        /** Closes connections idle longer than the bound; forgets pools with no connection. */
        void sweep() {
            long oldest = nanos.getAsLong() - idleNanos;
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
    final class Pool {
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

        void acquire(Request request, boolean fresh) {
            if (!fresh && !idle.isEmpty()) {
                // the most recently used first; one idle past the bound (the sweep runs a quarter of it apart) is
                // closed rather than trusted
                long oldest = nanos.getAsLong() - idleNanos;
                PodChannel ch;
                while ((ch = idle.pollFirst()) != null) {
                    if (ch.idleSince - oldest >= 0) {
                        ch.start(request);
                        return;
                    }
                    ch.channel.close();
                }
            }
            if (open < perPod) {
                connect(request);
            } else if (fresh) {
                waiters.addFirst(request);
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
            ch.idleSince = nanos.getAsLong();
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
}
