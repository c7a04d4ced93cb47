package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in apps served by Vert.x on a pod-range loopback address, hit with the JDK HTTP client. */
class SampleImagesTest {

    private static final String IP = "127.0.250.1";
    private static Vertx vertx;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void choosesTheAppByRepositoryIgnoringTagAndDigest() {
        assertThat(SampleImages.appFor("gcr.io/knative-samples/autoscale-go")).isEqualTo(SampleImages.App.AUTOSCALE);
        assertThat(SampleImages.appFor("gcr.io/knative-tests/test-images/readiness:latest"))
                .isEqualTo(SampleImages.App.READINESS);
        assertThat(SampleImages.appFor("gcr.io/knative-samples/autoscale-go:0.1@sha256:abc"))
                .isEqualTo(SampleImages.App.AUTOSCALE);
        assertThat(SampleImages.appFor("gcr.io/knative-samples/helloworld-go:latest"))
                .isEqualTo(SampleImages.App.HELLOWORLD);
        assertThat(SampleImages.appFor("localhost:5000/anything")).isEqualTo(SampleImages.App.HELLOWORLD);
        assertThat(SampleImages.repository("localhost:5000/x/y:1@sha256:ff")).isEqualTo("localhost:5000/x/y");
    }

    @Test
    void theSamplesOfTheLocalRegistryRunTheSameAppsWhateverTheRegistry() {
        assertThat(SampleImages.appFor("127.0.0.1:5000/knative-samples/autoscale-go@sha256:ab"))
                .isEqualTo(SampleImages.App.AUTOSCALE);
        assertThat(SampleImages.appFor("localhost:5100/knative-samples/autoscale-go:latest"))
                .isEqualTo(SampleImages.App.AUTOSCALE);
        assertThat(SampleImages.appFor("knative-samples/autoscale-go")).isEqualTo(SampleImages.App.AUTOSCALE);
        assertThat(SampleImages.appFor("127.0.0.1:5000/other/autoscale-go")).isEqualTo(SampleImages.App.HELLOWORLD);
        assertThat(SampleImages.appFor("127.0.0.1:5000/knative-samples/helloworld-go@sha256:ab"))
                .isEqualTo(SampleImages.App.HELLOWORLD);
        assertThat(SampleImages.path("127.0.0.1:5000/knative-samples/x")).isEqualTo("knative-samples/x");
        assertThat(SampleImages.path("knative-samples/x")).isEqualTo("knative-samples/x");
    }

    @Test
    void parsesBehavioursFromEnv() {
        assertThat(SampleImages.Behaviour.fromEnv(Map.of()))
                .isEqualTo(new SampleImages.Behaviour(0, false, null, 0, 1));
        assertThat(SampleImages.Behaviour.fromEnv(Map.of(SampleImages.STARTUP_DELAY_MS, "1500",
                SampleImages.NEVER_READY, "true", SampleImages.CRASH_ON_START, "3",
                SampleImages.EXIT_AFTER_REQUESTS, "5", SampleImages.EXIT_CODE, "0")))
                .isEqualTo(new SampleImages.Behaviour(1500, true, 3, 5, 0));
        assertThat(SampleImages.Behaviour.fromEnv(Map.of(SampleImages.STARTUP_DELAY_MS, "soon")).startupDelayMs())
                .isZero();
    }

    @Test
    void findsTheLargestPrimeAtMostN() {
        assertThat(SampleImages.largestPrimeAtMost(1)).isZero();
        assertThat(SampleImages.largestPrimeAtMost(2)).isEqualTo(2);
        assertThat(SampleImages.largestPrimeAtMost(100)).isEqualTo(97);
        assertThat(SampleImages.largestPrimeAtMost(97)).isEqualTo(97);
        assertThat(SampleImages.largestPrimeAtMost(1_000_000)).isEqualTo(999_983);
        assertThat(SampleImages.primeAnswer(1)).isEqualTo("There are no primes smaller than 1.\n");
    }

    @Test
    void helloworldGreetsTarget() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of("TARGET", "Unit"));
        HttpResponse<String> response = get(port, "/any/path");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello Unit!\n");
        assertThat(response.headers().map().keySet()).containsOnly(":status", "content-type", "content-length");
        assertThat(get(serve("example.com/unknown:1", Map.of()), "/").body()).isEqualTo("Hello World!\n");
    }

    @Test
    void autoscaleSleepsPrimesAndBloats() throws Exception {
        int port = serve(SampleImages.AUTOSCALE, Map.of());
        long start = System.nanoTime();
        HttpResponse<String> response = get(port, "/?sleep=100&prime=100&bloat=2");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100);
        // the time it really slept, as autoscale-go reports it: at least the 100 ms asked for, more on a busy machine
        assertThat(response.body()).matches("(?s)Slept for \\d+\\.\\d\\d milliseconds\\.\n"
                + "The largest prime less than 100 is 97\\.\nAllocated 2 Mb of memory\\.\n");
        double slept = Double.parseDouble(response.body().substring("Slept for ".length(),
                response.body().indexOf(" milliseconds")));
        assertThat(slept).isGreaterThanOrEqualTo(100);
        assertThat(get(port, "/").body()).isEmpty();
        assertThat(get(port, "/?sleep=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void sleepingRequestsDoNotBlockEachOther() throws Exception {
        int port = serve(SampleImages.AUTOSCALE, Map.of());
        long start = System.nanoTime();
        var requests = java.util.stream.IntStream.range(0, 20).mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://" + IP + ":" + port + "/?sleep=300")).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        for (var r : requests) {
            assertThat(r.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // one after another they would take 20 × 300 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(20 * 300));
    }

    @Test
    void answersEnvPathWithTheContainerEnvironment() throws Exception {
        int port = serve(SampleImages.HELLOWORLD, Map.of("K_SERVICE", "s", "K_REVISION", "s-00001", "PORT", "8080"));
        assertThat(get(port, SampleImages.ENV_PATH).body())
                .isEqualTo("{\"K_REVISION\":\"s-00001\",\"K_SERVICE\":\"s\",\"PORT\":\"8080\"}");
    }

    private int serve(String image, Map<String, String> env) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(IP).setPort(0))
                .requestHandler(SampleImages.handler(image, env, vertx));
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + IP + ":" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
