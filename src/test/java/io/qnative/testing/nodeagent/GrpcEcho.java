package io.qnative.testing.nodeagent;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A gRPC echo service over h2c, written on Vert.x HTTP/2 without a gRPC library: the gateway only has to carry
 * gRPC's framing (length-prefixed messages, {@code content-type: application/grpc}, a {@code grpc-status}
 * trailer), so messages are opaque bytes here and need no protobuf.
 *
 * <ul>
 *   <li>{@value #UNARY}: one message in, the same message out.
 *   <li>{@value #SERVER_STREAM}: every message in is answered, as it arrives, with {@value #COUNT_HEADER}
 *       copies of it (metadata; default 1, at most {@value #MAX_COUNT}); the call ends when the client's stream
 *       ends. One message in makes a server-streaming call, several a bidirectional one.
 *   <li>{@value #HEALTH_CHECK}: the standard gRPC health service ({@code grpc/health/v1/health.proto}), as a
 *       readinessProbe {@code grpc: {port, service}} calls it: SERVING for the empty service name and for
 *       {@value #SERVICE}, {@code grpc-status 5} (NOT_FOUND) for any other name, as grpc-go's health server
 *       answers. Its two protobuf messages are encoded by hand.
 * </ul>
 *
 * <p>Any other method gets {@code grpc-status 12} (UNIMPLEMENTED), a call over HTTP/1 or a malformed frame
 * {@code grpc-status 13} (INTERNAL), as a gRPC server answers.
 */
public final class GrpcEcho {

    /** The service name. */
    public static final String SERVICE = "qnative.standin.Echo";
    /** Path of the unary method. */
    public static final String UNARY = "/" + SERVICE + "/Unary";
    /** Path of the streaming method. */
    public static final String SERVER_STREAM = "/" + SERVICE + "/ServerStream";
    /** The gRPC health checking method. */
    public static final String HEALTH_CHECK = "/grpc.health.v1.Health/Check";
    /** Metadata naming how many copies {@value #SERVER_STREAM} sends per message. */
    public static final String COUNT_HEADER = "echo-count";
    /** Upper bound of {@value #COUNT_HEADER}. */
    public static final int MAX_COUNT = 10_000;
    /** gRPC's default maximum message size. */
    public static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private GrpcEcho() {
    }

    /** True for a gRPC call ({@code content-type: application/grpc}, {@code application/grpc+proto}, …). */
    static boolean isGrpc(HttpServerRequest request) {
        String type = request.getHeader("content-type");
        return type != null && type.startsWith("application/grpc");
    }

    /** Serves one call. */
    static void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("content-type", "application/grpc");
        if (request.version() != HttpVersion.HTTP_2) {
            trailersOnly(response, 13, "gRPC needs HTTP/2, got " + request.version());
            return;
        }
        boolean health = HEALTH_CHECK.equals(request.path());
        boolean unary = health || UNARY.equals(request.path());
        if (!unary && !SERVER_STREAM.equals(request.path())) {
            trailersOnly(response, 12, "unknown method " + request.path());
            return;
        }
        int count = unary ? 1 : count(request.getHeader(COUNT_HEADER));
        List<Buffer> received = new ArrayList<>();
        Deframer deframer = new Deframer(message -> {
            if (unary) {
                received.add(message);
            } else {
                for (int i = 0; i < count; i++) {
                    response.write(frame(message));
                }
            }
        });
        request.handler(chunk -> {
            try {
                deframer.feed(chunk);
            } catch (IllegalArgumentException e) {
                request.handler(null);
                request.endHandler(null);
                finish(response, 13, e.getMessage());
            }
        });
        request.endHandler(v -> {
            if (!deframer.isEmpty()) {
                finish(response, 13, "the request ended inside a message");
            } else if (unary && received.size() != 1) {
                finish(response, 12, "a unary call takes one message, got " + received.size());
            } else {
                if (health) {
                    String service = healthCheckService(received.get(0));
                    if (service == null) {
                        finish(response, 13, "malformed HealthCheckRequest");
                        return;
                    }
                    if (!service.isEmpty() && !SERVICE.equals(service)) {
                        finish(response, 5, "unknown service " + service);
                        return;
                    }
                    // HealthCheckResponse{status = SERVING (1)}: field 1, wire type 0
                    response.write(frame(Buffer.buffer().appendByte((byte) 0x08).appendByte((byte) 1)));
                } else if (unary) {
                    response.write(frame(received.get(0)));
                }
                finish(response, 0, null);
            }
        });
    }

    /**
     * The {@code service} (field 1) of a HealthCheckRequest, empty when absent, null when the message is not a
     * HealthCheckRequest this service can read (only field 1 is expected).
     */
    static String healthCheckService(Buffer message) {
        if (message.length() == 0) {
            return "";
        }
        if (message.getByte(0) != 0x0a) {
            return null;
        }
        int at = 1;
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            if (at >= message.length() || shift > 28) {
                return null;
            }
            byte b = message.getByte(at++);
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length < 0 || at + length != message.length()) {
            return null;
        }
        return message.getString(at, at + length, "UTF-8");
    }

    private static int count(String header) {
        try {
            return header == null ? 1 : Math.max(0, Math.min(MAX_COUNT, Integer.parseInt(header.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void trailersOnly(HttpServerResponse response, int status, String message) {
        response.putHeader("grpc-status", Integer.toString(status)).putHeader("grpc-message", message).end();
    }

    private static void finish(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!response.headWritten() && status != 0) {
            trailersOnly(response, status, message);
            return;
        }
        response.putTrailer("grpc-status", Integer.toString(status));
        if (message != null) {
            response.putTrailer("grpc-message", message);
        }
        response.end();
    }

    /** One gRPC frame: a zero compression flag, the length (4 bytes, big endian) and the message. */
    public static Buffer frame(Buffer message) {
        return Buffer.buffer(5 + message.length()).appendByte((byte) 0).appendInt(message.length())
                .appendBuffer(message);
    }

    /** Splits a byte stream into the messages of its gRPC frames, whatever the chunk boundaries. */
    public static final class Deframer {

        private final Consumer<Buffer> sink;
        private Buffer pending = Buffer.buffer();

        /** A deframer handing each whole message to {@code sink}. */
        public Deframer(Consumer<Buffer> sink) {
            this.sink = sink;
        }

        /**
         * Adds a chunk and emits every message it completes.
         *
         * @throws IllegalArgumentException on a compressed frame or one over {@value GrpcEcho#MAX_MESSAGE} bytes
         */
        public void feed(Buffer chunk) {
            pending.appendBuffer(chunk);
            int at = 0;
            while (pending.length() - at >= 5) {
                if (pending.getByte(at) != 0) {
                    throw new IllegalArgumentException("compressed frames are not supported");
                }
                int length = pending.getInt(at + 1);
                if (length < 0 || length > MAX_MESSAGE) {
                    throw new IllegalArgumentException("message of " + length + " bytes exceeds " + MAX_MESSAGE);
                }
                if (pending.length() - at - 5 < length) {
                    break;
                }
                sink.accept(pending.getBuffer(at + 5, at + 5 + length));
                at += 5 + length;
            }
            if (at > 0) {
                pending = pending.getBuffer(at, pending.length());
            }
        }

        /** True when no partial frame is buffered. */
        public boolean isEmpty() {
            return pending.length() == 0;
        }
    }
}
