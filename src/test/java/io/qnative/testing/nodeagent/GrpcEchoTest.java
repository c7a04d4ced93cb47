package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qnative.testing.OnContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC echo over h2c with prior knowledge, called the way a gRPC client frames its messages. */
class GrpcEchoTest {

    private static final String IP = "127.0.250.3";
    private static Vertx vertx;
    private static HttpClient h2c;
    private static int port;

    /** What a call returned: status, messages and trailers. */
    record Call(int status, List<String> messages, MultiMap headers, MultiMap trailers) {

        /** grpc-status from the trailers, or from the headers of a trailers-only answer. */
        String grpcStatus() {
            return trailers.contains("grpc-status") ? trailers.get("grpc-status") : headers.get("grpc-status");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        port = StandinAppTest.await(vertx.createHttpServer(new HttpServerOptions().setHost(IP).setPort(0))
                .requestHandler(SampleImages.handler(SampleImages.HELLOWORLD, Map.of(), vertx)).listen()).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        StandinAppTest.await(vertx.close());
    }

    @Test
    void unaryEchoesTheMessageWithStatusOk() throws Exception {
        Call call = call(h2c, GrpcEcho.UNARY, Map.of(), "ping");
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.headers().get("content-type")).isEqualTo("application/grpc");
        assertThat(call.messages()).containsExactly("ping");
        assertThat(call.grpcStatus()).isEqualTo("0");
        assertThat(call.trailers().get("grpc-status")).isEqualTo("0");
    }

    @Test
    void serverStreamAnswersEachMessageCountTimes() throws Exception {
        Call call = call(h2c, GrpcEcho.SERVER_STREAM, Map.of(GrpcEcho.COUNT_HEADER, "3"), "a", "b");
        assertThat(call.messages()).containsExactly("a", "a", "a", "b", "b", "b");
        assertThat(call.trailers().get("grpc-status")).isEqualTo("0");
    }

    @Test
    void healthCheckServesTheServerAndTheEchoServiceOnly() throws Exception {
        // HealthCheckRequest{} and HealthCheckRequest{service = SERVICE}, framed by the call helper
        Call server = call(h2c, GrpcEcho.HEALTH_CHECK, Map.of(), "");
        assertThat(server.grpcStatus()).isEqualTo("0");
        assertThat(server.messages()).containsExactly("\u0008\u0001");
        String request = "\n" + (char) GrpcEcho.SERVICE.length() + GrpcEcho.SERVICE;
        Call echo = call(h2c, GrpcEcho.HEALTH_CHECK, Map.of(), request);
        assertThat(echo.grpcStatus()).isEqualTo("0");
        assertThat(echo.messages()).containsExactly("\u0008\u0001");
        Call other = call(h2c, GrpcEcho.HEALTH_CHECK, Map.of(), "\n\u0003abc");
        assertThat(other.grpcStatus()).isEqualTo("5");
        assertThat(other.messages()).isEmpty();
        Call malformed = call(h2c, GrpcEcho.HEALTH_CHECK, Map.of(), "\u0012\u0001a");
        assertThat(malformed.grpcStatus()).isEqualTo("13");
    }

    @Test
    void unknownMethodsAndHttp1AreGrpcErrors() throws Exception {
        Call unknown = call(h2c, "/" + GrpcEcho.SERVICE + "/Nope", Map.of(), "x");
        assertThat(unknown.grpcStatus()).isEqualTo("12");
        assertThat(unknown.messages()).isEmpty();
        Call twoForUnary = call(h2c, GrpcEcho.UNARY, Map.of(), "x", "y");
        assertThat(twoForUnary.grpcStatus()).isEqualTo("12");
        HttpClient h1 = vertx.createHttpClient();
        Call http1 = call(h1, GrpcEcho.UNARY, Map.of(), "x");
        assertThat(http1.grpcStatus()).isEqualTo("13");
        StandinAppTest.await(h1.close());
    }

    @Test
    void deframesAcrossChunkBoundaries() {
        List<String> out = new ArrayList<>();
        GrpcEcho.Deframer deframer = new GrpcEcho.Deframer(m -> out.add(m.toString()));
        Buffer wire = GrpcEcho.frame(Buffer.buffer("hello")).appendBuffer(GrpcEcho.frame(Buffer.buffer("")))
                .appendBuffer(GrpcEcho.frame(Buffer.buffer("world")));
        for (int i = 0; i < wire.length(); i += 3) {
            deframer.feed(wire.getBuffer(i, Math.min(wire.length(), i + 3)));
        }
        assertThat(out).containsExactly("hello", "", "world");
        assertThat(deframer.isEmpty()).isTrue();
        deframer.feed(Buffer.buffer(new byte[] {0, 0, 0}));
        assertThat(deframer.isEmpty()).isFalse();
        assertThatThrownBy(() -> new GrpcEcho.Deframer(m -> { }).feed(Buffer.buffer(new byte[] {1, 0, 0, 0, 0})))
                .hasMessageContaining("compressed");
    }

    /** A gRPC call: the messages framed in one request body, the answer deframed. */
    static Call call(HttpClient client, String path, Map<String, String> metadata, String... messages)
            throws Exception {
        Buffer body = Buffer.buffer();
        for (String m : messages) {
            body.appendBuffer(GrpcEcho.frame(Buffer.buffer(m)));
        }
        Future<Call> call = OnContext.call(vertx, () -> client.request(HttpMethod.POST, port, IP, path).compose(req -> {
            req.putHeader("content-type", "application/grpc").putHeader("te", "trailers");
            metadata.forEach(req::putHeader);
            return req.send(body).compose(resp -> resp.body().map(answer -> {
                List<String> out = new ArrayList<>();
                new GrpcEcho.Deframer(m -> out.add(m.toString())).feed(answer);
                return new Call(resp.statusCode(), out, resp.headers(), resp.trailers());
            }));
        }));
        return call.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
