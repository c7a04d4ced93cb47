package io.qnative.testing.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.kube.Kmeta;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * Runs {@link Row}s as Knative's table tests do. Per row: a fresh API store gets the row's objects, a reconciler is
 * built by the test's factory over listers of those stored objects, the key is reconciled once, and every write the
 * reconciler sent is compared with the row: creates and patches as sent, updates without server-set metadata,
 * status updates by status, deletes by path, then events, the error and the requeue. Reads are not compared.
 *
 * <p>The store is fabric8's {@code KubernetesCrudDispatcher} either way: {@link #run} serves it over HTTP from the
 * mock API server (the {@code *IT} tables, which test the wire), {@link #runInProcess} hands it every request of a
 * socket-less client ({@link InProcessApi}; the {@code *TableTest} tables of the unit tier). The row's
 * {@link Reactor}s sit in front of the store in both.
 */
public final class Table {

    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final List<String> SERVER_SET = List.of("resourceVersion", "creationTimestamp", "managedFields");

    private Table() {
    }

    /** A request as the store received it, the body read before the CRUD dispatcher consumes it. */
    private record Sent(String method, String path, String body) {
    }

    /** Records every request, asks the row's reactors, then hands an unread copy to the CRUD dispatcher. */
    private static final class Recording extends Dispatcher {

        final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final List<Reactor> reactors;
        volatile boolean on;

        Recording(List<Reactor> reactors) {
            this.reactors = reactors;
        }

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            byte[] bytes = r.getBody() == null ? new byte[0] : r.getBody().readByteArray();
            if (on) {
                sent.add(new Sent(r.getMethod(), r.getPath(), new String(bytes, StandardCharsets.UTF_8)));
                Reactor.Request request = request(r.getMethod(), r.getPath());
                for (Reactor reactor : reactors) {
                    Optional<MockResponse> answer = reactor.react(request);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                }
            }
            return crud.dispatch(new RecordedRequest(r.getRequestLine(), r.method(), r.getPath(), r.getHeaders(),
                    new Buffer(bytes)));
        }
    }

    /** Runs one row on the fabric8 mock API server (HTTP on loopback) with a reconciler made by {@code factory}. */
    public static void run(Row row, Function<TableContext, Reconciler> factory) throws Exception {
        Recording recording = new Recording(row.reactors);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                recording, false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            execute(row, factory, client, recording);
        } finally {
            server.destroy();
        }
    }

    /** Runs one row in-process (no socket, no server) with a reconciler made by {@code factory}. */
    public static void runInProcess(Row row, Function<TableContext, Reconciler> factory) throws Exception {
        Recording recording = new Recording(row.reactors);
        InProcessApi.with(recording, client -> execute(row, factory, client, recording));
    }

    private static void execute(Row row, Function<TableContext, Reconciler> factory, KubernetesClient client,
            Recording recording) {
        List<HasMetadata> stored = new ArrayList<>();
        for (HasMetadata obj : row.objects) {
            stored.add(store(client, obj));
        }
        recording.on = true;
        RecordingEvents events = new RecordingEvents();
        TableContext ctx = new TableContext(client, stored, row.config, events, Clock.fixed(row.now, ZoneOffset.UTC));
        Exception error = null;
        Result result = null;
        try {
            result = factory.apply(ctx).reconcile(row.key);
        } catch (Exception e) {
            error = e;
        }
        check(row, recording.sent, events.events(), result, error);
    }

    /** A request in client-go's terms, from its method and URL path. */
    static Reactor.Request request(String method, String rawPath) {
        String path = rawPath.replaceFirst("\\?.*$", "");
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        // /api/v1/... or /apis/<group>/<version>/...
        parts = parts.subList(parts.get(0).equals("api") ? 2 : 3, parts.size());
        String namespace = "";
        if (parts.size() >= 2 && parts.get(0).equals("namespaces")) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.isEmpty() ? "" : parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : "";
        String sub = parts.size() > 2 ? parts.get(2) : "";
        String verb = switch (method) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> name.isEmpty() ? "list" : "get";
        };
        return new Reactor.Request(verb, resource, sub, namespace, name);
    }

    /**
     * Creates {@code obj} on the server and returns it as the listers should see it: the row's object (the mock
     * server assigns its own uid, which rows must not depend on) with the server's resourceVersion, so writes based
     * on it are accepted.
     */
    @SuppressWarnings("unchecked")
    private static HasMetadata store(KubernetesClient client, HasMetadata obj) {
        HasMetadata created = client.resource(obj).create();
        HasMetadata copy = Kmeta.deepCopy(obj, (Class<HasMetadata>) obj.getClass());
        copy.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        return copy;
    }

    private static void check(Row row, List<Sent> requests, List<String> events, Result result, Exception error) {
        List<JsonNode> creates = new ArrayList<>();
        List<JsonNode> updates = new ArrayList<>();
        List<JsonNode> statusUpdates = new ArrayList<>();
        List<Row.Patch> patches = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Sent r : requests) {
            String path = r.path().replaceFirst("\\?.*$", "");
            switch (r.method()) {
                case "POST" -> creates.add(read(r.body()));
                case "PUT" -> (path.endsWith("/status") ? statusUpdates : updates).add(stripServerSet(read(r.body())));
                case "PATCH" -> patches.add(new Row.Patch(objectPath(path), r.body()));
                case "DELETE" -> deletes.add(objectPath(path));
                default -> {
                }
            }
        }
        SoftAssertions soft = new SoftAssertions();
        if (error != null && !row.wantErr) {
            error.printStackTrace();
        }
        soft.assertThat(yaml(creates)).as("%s: creates", row).isEqualTo(yaml(tree(row.creates, false)));
        soft.assertThat(yaml(updates)).as("%s: updates", row).isEqualTo(yaml(tree(row.updates, true)));
        soft.assertThat(yaml(statusUpdates.stream().map(Table::statusOf).toList())).as("%s: status updates", row)
                .isEqualTo(yaml(tree(row.statusUpdates, false).stream().map(Table::statusOf).toList()));
        soft.assertThat(patches.stream().map(p -> p.path() + " " + read(p.json())).toList())
                .as("%s: patches", row)
                .containsExactlyElementsOf(row.patches.stream().map(p -> p.path() + " " + read(p.json())).toList());
        soft.assertThat(deletes).as("%s: deletes", row).containsExactlyElementsOf(row.deletes);
        soft.assertThat(events).as("%s: events", row).containsExactlyElementsOf(row.events);
        if (row.wantErr) {
            soft.assertThat(error).as("%s: error", row).isNotNull();
            System.out.println(row + ": reconcile failed as wanted: " + error);
        } else {
            soft.assertThat(error).as("%s: unexpected error", row).isNull();
            soft.assertThat(result == null ? null : result.requeueAfter().orElse(null)).as("%s: requeue after", row)
                    .isEqualTo(row.requeueAfter);
        }
        soft.assertAll();
    }

    /**
     * {@code <namespace>/<plural>/<name>} of an object URL (a trailing subresource is dropped); a cluster-scoped
     * object's is {@code <plural>/<name>}.
     */
    static String objectPath(String path) {
        String[] parts = path.split("/");
        int ns = List.of(parts).indexOf("namespaces");
        if (ns < 0) {
            // /api/v1/<plural>/<name> or /apis/<group>/<version>/<plural>/<name>
            int plural = "api".equals(parts[1]) ? 3 : 4;
            return parts[plural] + "/" + parts[plural + 1];
        }
        return parts[ns + 1] + "/" + parts[ns + 2] + "/" + parts[ns + 3];
    }

    private static List<JsonNode> tree(List<HasMetadata> objs, boolean strip) {
        return objs.stream().map(o -> {
            JsonNode n = read(Serialization.asJson(o));
            return strip ? stripServerSet(n) : n;
        }).toList();
    }

    /** A list of trees as YAML with sorted keys, so a failed comparison shows a readable diff. */
    private static String yaml(List<JsonNode> trees) {
        try {
            return YAML.writeValueAsString(trees.stream().map(Table::sorted).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(k -> out.set(k, sorted(n.get(k))));
            return out;
        }
        if (n.isArray()) {
            var out = JSON.createArrayNode();
            n.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }

    private static JsonNode statusOf(JsonNode n) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", n.path("metadata").path("name").asText());
        out.set("status", n.path("status"));
        return out;
    }

    private static JsonNode stripServerSet(JsonNode n) {
        JsonNode meta = n.path("metadata");
        if (meta instanceof ObjectNode m) {
            SERVER_SET.forEach(m::remove);
        }
        return n;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
