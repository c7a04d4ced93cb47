package io.qnative.testing.table;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fabric8 {@link KubernetesClient} with no socket under it: its HTTP transport hands each request, as the mock
 * web server would have received it, straight to a {@link Dispatcher} (the table's recording, failure-injecting
 * front of fabric8's own {@code KubernetesCrudDispatcher}) on the calling thread, and returns the dispatcher's
 * response. Reconcilers keep their real client code path (serialisation, URLs, status codes and the
 * {@code KubernetesClientException}s built from them) while a whole table runs in milliseconds. Watches are not
 * served: reconcilers read through listers, never through the client.
 */
public final class InProcessApi {

    /** The dispatcher of the row running on this thread (the transport answers on the caller's thread). */
    private static final ThreadLocal<Dispatcher> CURRENT = new ThreadLocal<>();

    /** One client for every row: building a fabric8 client costs more than running a row. */
    private static final KubernetesClient SHARED = client(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Dispatcher d = CURRENT.get();
            if (d == null) {
                throw new IllegalStateException("no table row is running on this thread: " + request);
            }
            return d.dispatch(request);
        }
    });

    private InProcessApi() {
    }

    /**
     * Runs {@code body} with the shared client answering from {@code dispatcher}, on this thread only. The client
     * must not be closed or handed to another thread.
     */
    public static <X extends Exception> void with(Dispatcher dispatcher, ClientBody<X> body) throws X {
        CURRENT.set(dispatcher);
        try {
            body.run(SHARED);
        } finally {
            CURRENT.remove();
        }
    }

    /** What runs against the shared client. */
    @FunctionalInterface
    public interface ClientBody<X extends Exception> {
        void run(KubernetesClient client) throws X;
    }

    /** A client whose every request is answered by {@code dispatcher}, never retried. */
    public static KubernetesClient client(Dispatcher dispatcher) {
        Config config = Config.empty();
        config.setMasterUrl("http://in-process.invalid");
        config.setNamespace("default");
        // a 5xx (an induced failure) must reach the reconciler at once, not after the client's back-off retries
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new InProcessFactory(dispatcher)).build();
    }

    /** The transport factory the client builder takes. */
    static final class InProcessFactory implements HttpClient.Factory {

        final Dispatcher dispatcher;

        InProcessFactory(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public InProcessBuilder newBuilder() {
            return new InProcessBuilder(this);
        }
    }

    /** Builds {@link Transport}s; every setting (TLS, proxies, timeouts) is irrelevant without a socket. */
    static final class InProcessBuilder
            extends StandardHttpClientBuilder<Transport, InProcessFactory, InProcessBuilder> {

        InProcessBuilder(InProcessFactory factory) {
            super(factory);
        }

        @Override
        public Transport build() {
            return new Transport(this, client == null ? new AtomicBoolean() : client.getClosed());
        }

        @Override
        protected InProcessBuilder newInstance(InProcessFactory factory) {
            return new InProcessBuilder(factory);
        }
    }

    /** The transport: one synchronous dispatch per request. */
    static final class Transport extends StandardHttpClient<Transport, InProcessFactory, InProcessBuilder> {

        Transport(InProcessBuilder builder, AtomicBoolean closed) {
            super(builder, closed);
        }

        @Override
        public CompletableFuture<WebSocketResponse> buildWebSocketDirect(StandardWebSocketBuilder ws,
                WebSocket.Listener listener) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "watches are not served in-process: " + ws.asHttpRequest().uri()));
        }

        @Override
        public CompletableFuture<HttpResponse<AsyncBody>> consumeBytesDirect(StandardHttpRequest request,
                AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            MockResponse response;
            try {
                response = builder.getClientFactory().dispatcher.dispatch(recorded(request));
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
            return CompletableFuture.completedFuture(new Response(request, response, new Body(body, consumer)));
        }

        @Override
        protected void doClose() {
        }

        private static RecordedRequest recorded(StandardHttpRequest request) throws IOException {
            URI uri = request.uri();
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Headers.Builder headers = Headers.builder();
            request.headers().forEach((k, vs) -> vs.forEach(v -> headers.add(k, v)));
            if (request.getContentType() != null) {
                headers.set("Content-Type", request.getContentType());
            }
            return new RecordedRequest(request.method() + " " + path + " HTTP/1.1",
                    HttpMethod.valueOf(request.method()), path, headers.build(), new Buffer(bytes(request)));
        }

        private static byte[] bytes(StandardHttpRequest request) throws IOException {
            StandardHttpRequest.BodyContent body = request.body();
            if (body instanceof StandardHttpRequest.StringBodyContent s) {
                return s.getContent().getBytes(StandardCharsets.UTF_8);
            }
            if (body instanceof StandardHttpRequest.ByteArrayBodyContent b) {
                return b.getContent();
            }
            if (body instanceof StandardHttpRequest.InputStreamBodyContent in) {
                try (InputStream s = in.getContent()) {
                    return s.readAllBytes();
                }
            }
            return new byte[0];
        }
    }

    /**
     * The response body, delivered in one piece to the client's consumer when it first asks for more, then done.
     * The consumer asks again from inside its callback, which then finds nothing left.
     */
    private static final class Body implements AsyncBody {

        private final byte[] bytes;
        private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private boolean delivered;

        Body(byte[] bytes, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            this.bytes = bytes;
            this.consumer = consumer;
        }

        @Override
        public void consume() {
            if (delivered || done.isDone()) {
                return;
            }
            delivered = true;
            try {
                if (bytes.length > 0) {
                    consumer.consume(List.of(ByteBuffer.wrap(bytes)), this);
                }
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void cancel() {
            done.cancel(false);
        }
    }

    /** The dispatcher's answer as the client's response. */
    private record Response(HttpRequest request, MockResponse mock, AsyncBody body) implements HttpResponse<AsyncBody> {

        @Override
        public int code() {
            return mock.code();
        }

        @Override
        public List<String> headers(String key) {
            return mock.headers(key);
        }

        @Override
        public Map<String, List<String>> headers() {
            return mock.getHeaders().toMultimap();
        }

        @Override
        public Optional<HttpResponse<?>> previousResponse() {
            return Optional.empty();
        }
    }
}
