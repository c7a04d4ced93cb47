package io.qnative.testing.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.qnative.kube.Kmeta;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * Runs {@link Row}s against the fabric8 mock API server in CRUD mode. Per row: a fresh server gets the row's
 * objects, a reconciler is built by the test's factory over listers of those stored objects,
 * the key is reconciled once, and every write the reconciler sent is compared with the row: creates and patches
 * as sent, updates without server-set metadata, status updates by status, deletes by path, then events and the
 * error. Reads are not compared.
 */
public final class Table {

    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final List<String> SERVER_SET = List.of("resourceVersion", "creationTimestamp", "managedFields");

    private Table() {
    }

    /** A request as the server received it, the body read before the CRUD dispatcher consumes it. */
    private record Sent(String method, String path, String body) {
    }

    /** Records every request, then hands an unread copy to the CRUD dispatcher. */
    private static final class Recording extends Dispatcher {

        final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile boolean on;

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            byte[] bytes = r.getBody() == null ? new byte[0] : r.getBody().readByteArray();
            if (on) {
                sent.add(new Sent(r.getMethod(), r.getPath(), new String(bytes, StandardCharsets.UTF_8)));
            }
            return crud.dispatch(new RecordedRequest(r.getRequestLine(), r.method(), r.getPath(), r.getHeaders(),
                    new Buffer(bytes)));
        }
    }

    /** Runs one row with a reconciler made by {@code factory}. */
    public static void run(Row row, Function<TableContext, Reconciler> factory) throws Exception {
        Recording recording = new Recording();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                recording, false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            List<HasMetadata> stored = new ArrayList<>();
            for (HasMetadata obj : row.objects) {
                stored.add(store(client, obj));
            }
            recording.on = true;
            RecordingEvents events = new RecordingEvents();
            TableContext ctx = new TableContext(client, stored, row.config, events,
                    Clock.fixed(row.now, ZoneOffset.UTC));
            Exception error = null;
            try {
                factory.apply(ctx).reconcile(row.key);
            } catch (Exception e) {
                error = e;
            }
            check(row, recording.sent, events.events(), error);
        } finally {
            server.destroy();
        }
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

    private static void check(Row row, List<Sent> requests, List<String> events, Exception error) {
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
        soft.assertThat(creates).as("%s: creates", row).containsExactlyElementsOf(tree(row.creates, false));
        soft.assertThat(updates).as("%s: updates", row).containsExactlyElementsOf(tree(row.updates, true));
        soft.assertThat(statusUpdates.stream().map(Table::statusOf).toList()).as("%s: status updates", row)
                .containsExactlyElementsOf(tree(row.statusUpdates, false).stream().map(Table::statusOf).toList());
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
        }
        soft.assertAll();
    }

    /** {@code <namespace>/<plural>/<name>} of an object URL (a trailing subresource is dropped). */
    static String objectPath(String path) {
        String[] parts = path.split("/");
        int ns = List.of(parts).indexOf("namespaces");
        return parts[ns + 1] + "/" + parts[ns + 2] + "/" + parts[ns + 3];
    }

    private static List<JsonNode> tree(List<HasMetadata> objs, boolean strip) {
        return objs.stream().map(o -> {
            JsonNode n = read(Serialization.asJson(o));
            return strip ? stripServerSet(n) : n;
        }).toList();
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
