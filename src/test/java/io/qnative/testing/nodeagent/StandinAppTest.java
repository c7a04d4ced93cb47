package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.testing.OnContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code /_standin/*} paths, delay, WebSocket echo and in-flight counts on real HTTP over loopback. */
class StandinAppTest {

    private static final String IP = "127.0.250.2";
    private static Vertx vertx;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void countsTheRequestsInFlightAtMostAndResets() throws Exception {
        int port = serve(SampleImages.AUTOSCALE, Map.of());
        List<Future<String>> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // long enough that all five overlap even when a loaded machine stalls the client
            slow.add(get(port, "/?sleep=3000"));
        }
        JsonObject during = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH), j -> j.getInteger("inFlight") == 5);
        assertThat(during.getInteger("max")).isEqualTo(5);
        for (Future<String> f : slow) {
            assertThat(await(f)).startsWith("Slept for");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight") == 0);
        assertThat(json(port, StandinApp.CONCURRENCY_PATH + "?reset=true"))
                .isEqualTo(new JsonObject().put("inFlight", 0).put("max", 5).put("requests", 5));
        assertThat(json(port, StandinApp.CONCURRENCY_PATH))
                .isEqualTo(new JsonObject().put("inFlight", 0).put("max", 0).put("requests", 0));
        await(get(port, "/"));
        assertThat(json(port, StandinApp.CONCURRENCY_PATH))
                .isEqualTo(new JsonObject().put("inFlight", 0).put("max", 1).put("requests", 1));
    }

    @Test
    void theDelayEnvHoldsEveryRequestInFlight() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of(StandinApp.DELAY_MS, "2000"));
        long start = System.nanoTime();
        Future<String> a = get(port, "/");
        Future<String> b = get(port, StandinApp.HEADERS_PATH);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight") == 2);
        assertThat(await(a)).isEqualTo("Hello World!\n");
        assertThat(new JsonObject(await(b)).getString("method")).isEqualTo("GET");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        assertThat(json(port, StandinApp.CONCURRENCY_PATH).getInteger("max")).isEqualTo(2);
    }

    @Test
    void aSingleThreadedContainerAnswers500ToASecondRequestInFlight() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of(StandinApp.DELAY_MS, "3000",
                StandinApp.SINGLE_THREADED, "true"));
        Future<String> first = get(port, "/");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight") == 1);
        int second = await(() -> http.request(HttpMethod.GET, port, IP, "/").compose(req -> req.send())
                .map(r -> r.statusCode()));
        assertThat(second).isEqualTo(500);
        assertThat(await(first)).isEqualTo("Hello World!\n");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight") == 0);
    }

    @Test
    void theTimeoutPathSendsItsHeadersAfterTheFirstWaitAndThenItsBody() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of());
        long start = System.nanoTime();
        CompletableFuture<Long> headers = new CompletableFuture<>();
        String body = await(() -> http.request(HttpMethod.GET, port, IP, StandinApp.TIMEOUT_PATH
                + "?initialTimeout=300&timeout=1500").compose(req -> req.send().compose(r -> {
                    headers.complete(System.nanoTime());
                    assertThat(r.statusCode()).isEqualTo(200);
                    return r.body();
                })).map(Buffer::toString));
        assertThat(body).isEqualTo("Slept for 1800 milliseconds");
        // a lower bound the server's own timer sets: never sooner, however loaded the machine
        assertThat(Duration.ofNanos(headers.get() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void echoesTheRequestWithItsHeaders() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of());
        String body = await(() -> http.request(HttpMethod.GET, port, IP, StandinApp.HEADERS_PATH + "?a=1")
                .compose(req -> req.putHeader("Host", "hello.default.svc.cluster.local")
                        .putHeader("X-Forwarded-For", "10.0.0.1").putHeader("X-Multi", (Iterable<String>) List.of("1", "2")).send()
                        .compose(r -> r.body()).map(Buffer::toString)));
        JsonObject json = new JsonObject(body);
        assertThat(json.getString("uri")).isEqualTo(StandinApp.HEADERS_PATH + "?a=1");
        assertThat(json.getString("version")).isEqualTo("HTTP_1_1");
        assertThat(json.getString("authority")).isEqualTo("hello.default.svc.cluster.local");
        assertThat(json.getString("local")).isEqualTo(IP);
        assertThat(json.getString("remote")).startsWith("127.");
        JsonObject headers = json.getJsonObject("headers");
        assertThat(headers.getJsonArray("host").getList()).containsExactly("hello.default.svc.cluster.local");
        assertThat(headers.getJsonArray("x-forwarded-for").getList()).containsExactly("10.0.0.1");
        assertThat(headers.getJsonArray("x-multi").getList()).containsExactly("1", "2");
    }

    @Test
    void streamsLargeBodiesBothWays() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of());
        int size = 5 * 1024 * 1024 + 7;
        Buffer down = await(() -> http.request(HttpMethod.GET, port, IP, StandinApp.STREAM_PATH + "?bytes=" + size)
                .compose(req -> req.send().compose(r -> r.body())));
        assertThat(down.length()).isEqualTo(size);
        for (int i : new int[] {0, 250, 251, 65_536, size - 1}) {
            assertThat(down.getByte(i)).as("byte %d", i).isEqualTo(StandinApp.patternByte(i));
        }
        Buffer up = Buffer.buffer(down.getBytes(0, 3 * 1024 * 1024));
        Buffer echoed = await(() -> http.request(HttpMethod.POST, port, IP, StandinApp.ECHO_PATH)
                .compose(req -> req.send(up).compose(r -> r.body())));
        assertThat(echoed).isEqualTo(up);
        CRC32 crc = new CRC32();
        crc.update(up.getBytes());
        Buffer countedBody = await(() -> http.request(HttpMethod.PUT, port, IP, StandinApp.UPLOAD_PATH)
                .compose(req -> req.send(up).compose(r -> r.body())));
        JsonObject counted = countedBody.toJsonObject();
        assertThat(counted).isEqualTo(new JsonObject().put("bytes", up.length()).put("crc32", crc.getValue()));
        int status = await(() -> http.request(HttpMethod.GET, port, IP, StandinApp.STREAM_PATH + "?bytes=x")
                .compose(req -> req.send()).map(r -> r.statusCode()));
        assertThat(status).isEqualTo(400);
    }

    @Test
    void echoesWebSocketMessagesAndCountsTheConnectionInFlight() throws Exception {
        int port = serve(SampleImages.AUTOSCALE, Map.of());
        WebSocket ws = await(http.webSocket(port, IP, "/ws"));
        CompletableFuture<String> text = new CompletableFuture<>();
        CompletableFuture<Buffer> binary = new CompletableFuture<>();
        ws.textMessageHandler(text::complete);
        ws.binaryMessageHandler(binary::complete);
        ws.writeTextMessage("hello");
        ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        assertThat(text.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(binary.get(10, TimeUnit.SECONDS)).isEqualTo(Buffer.buffer(new byte[] {1, 2, 3}));
        assertThat(json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight")).isEqualTo(1);
        await(ws.close());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> json(port, StandinApp.CONCURRENCY_PATH).getInteger("inFlight") == 0);
    }

    @Test
    void servesHttp2WithPriorKnowledge() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of());
        HttpClient h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        String version = await(() -> h2c.request(HttpMethod.GET, port, IP, StandinApp.HEADERS_PATH)
                .compose(req -> req.send().compose(r -> r.body()))
                .map(b -> b.toJsonObject().getString("version")));
        assertThat(version).isEqualTo("HTTP_2");
        await(h2c.close());
    }

    static int serve(String image, Map<String, String> env) throws Exception {
        return await(vertx.createHttpServer(new HttpServerOptions().setHost(IP).setPort(0))
                .requestHandler(SampleImages.handler(image, env, vertx)).listen()).actualPort();
    }

    private static Future<String> get(int port, String uri) {
        return OnContext.call(vertx, () -> http.request(HttpMethod.GET, port, IP, uri)
                .compose(req -> req.send().compose(r -> r.body()))).map(Buffer::toString);
    }

    private static JsonObject json(int port, String uri) throws Exception {
        return new JsonObject(await(get(port, uri)));
    }

    /** {@code call}'s result, the call made on a Vert.x context ({@link OnContext}). */
    static <T> T await(Supplier<Future<T>> call) throws Exception {
        return await(OnContext.call(vertx, call));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
