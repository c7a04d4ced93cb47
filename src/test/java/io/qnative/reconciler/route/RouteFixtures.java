package io.qnative.reconciler.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteSpec;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;

/** Object mothers for the Route's pure parts: Routes, targets, Configurations, Revisions, snapshots, YAML trees. */
public final class RouteFixtures {

    /** Test namespace. */
    public static final String NS = "test-ns";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteFixtures() {
    }

    /** Defaults plus {@code config-domain: {example.com: ""}} (every Route external under example.com). */
    public static ConfigSnapshot exampleCom() {
        return with(ConfigSnapshot.DEFAULT, "config-domain", Map.of("example.com", ""));
    }

    /** The snapshot after ConfigMap {@code name} changed to {@code data}. */
    public static ConfigSnapshot with(ConfigSnapshot base, String name, Map<String, String> data) {
        return ConfigSnapshot.apply(base, name, data);
    }

    /** A Route with uid {@code uid-<name>} and the given spec traffic. */
    public static Route route(String name, TrafficTarget... traffic) {
        Route r = new Route();
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        m.setUid("uid-" + name);
        m.setGeneration(1L);
        r.setMetadata(m);
        RouteSpec spec = new RouteSpec();
        spec.setTraffic(new ArrayList<>(Arrays.asList(traffic)));
        r.setSpec(spec);
        return r;
    }

    /** Adds labels to a Route. */
    public static Route labels(Route r, String... kv) {
        Map<String, String> l = r.getMetadata().getLabels() == null ? new TreeMap<>()
                : new TreeMap<>(r.getMetadata().getLabels());
        for (int i = 0; i < kv.length; i += 2) {
            l.put(kv[i], kv[i + 1]);
        }
        r.getMetadata().setLabels(l);
        return r;
    }

    /** Adds annotations to a Route. */
    public static Route annotations(Route r, String... kv) {
        Map<String, String> a = r.getMetadata().getAnnotations() == null ? new TreeMap<>()
                : new TreeMap<>(r.getMetadata().getAnnotations());
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        r.getMetadata().setAnnotations(a);
        return r;
    }

    /** {@code {revisionName, percent, latestRevision: false}} (as defaulted). */
    public static TrafficTarget rev(String name, long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setRevisionName(name);
        t.setPercent(percent);
        t.setLatestRevision(false);
        return t;
    }

    /** {@code {configurationName, percent, latestRevision: true}} (as defaulted). */
    public static TrafficTarget cfg(String name, long percent) {
        TrafficTarget t = new TrafficTarget();
        t.setConfigurationName(name);
        t.setPercent(percent);
        t.setLatestRevision(true);
        return t;
    }

    /** The target with a tag. */
    public static TrafficTarget tag(String tag, TrafficTarget t) {
        t.setTag(tag);
        return t;
    }

    /** A Revision of Configuration {@code config} with Ready of the given status (null: no conditions). */
    public static Revision revision(String name, String config, String ready) {
        Revision r = new Revision();
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        m.setGeneration(1L);
        if (config != null) {
            m.setLabels(new TreeMap<>(Map.of(ServingKeys.CONFIGURATION, config)));
        }
        r.setMetadata(m);
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage("img").build()));
        r.setSpec(spec);
        RevisionStatus s = new RevisionStatus();
        s.setObservedGeneration(1L);
        if (ready != null) {
            s.setConditions(List.of(new Condition(Condition.READY, ready, null, "R", "m")));
        }
        r.setStatus(s);
        return r;
    }

    /** A ready Revision of Configuration {@code config}. */
    public static Revision ready(String name, String config) {
        return revision(name, config, Condition.TRUE);
    }

    /** The Revision labelled with an owning Service. */
    public static Revision ownedBy(Revision r, String service) {
        Map<String, String> l = new TreeMap<>(r.getMetadata().getLabels() == null ? Map.of()
                : r.getMetadata().getLabels());
        l.put(ServingKeys.SERVICE, service);
        r.getMetadata().setLabels(l);
        return r;
    }

    /** The Revision serving h2c (first port named {@code h2c}). */
    public static Revision h2c(Revision r) {
        r.getSpec().setContainers(List.of(new ContainerBuilder().withImage("img")
                .withPorts(new ContainerPortBuilder().withName("h2c").withContainerPort(8080).build()).build()));
        return r;
    }

    /** A Configuration with the given latest ready Revision (may be null) and Ready status (may be null). */
    public static Configuration configuration(String name, String latestReady, String ready) {
        Configuration c = new Configuration();
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        m.setGeneration(1L);
        c.setMetadata(m);
        ConfigurationStatus s = new ConfigurationStatus();
        s.setObservedGeneration(1L);
        s.setLatestReadyRevisionName(latestReady);
        s.setLatestCreatedRevisionName(latestReady);
        if (ready != null) {
            s.setConditions(List.of(new Condition(Condition.READY, ready, null, null, null)));
        }
        c.setStatus(s);
        return c;
    }

    /** A lookup over the given objects by name. */
    @SafeVarargs
    public static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Function<String, Optional<T>> lookup(
            T... objects) {
        Map<String, T> m = new HashMap<>();
        for (T o : objects) {
            m.put(o.getMetadata().getName(), o);
        }
        return n -> Optional.ofNullable(m.get(n));
    }

    /** The object as a JSON tree (numbers normalized by a text round trip). */
    public static JsonNode tree(Object o) {
        try {
            return JSON.readTree(JSON.writeValueAsString(o));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A YAML test resource as a JSON tree. */
    public static JsonNode yaml(String resource) {
        try (var in = RouteFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return tree(YAML.readTree(in));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The objects of a multi-document YAML test resource as JSON trees. */
    public static List<JsonNode> yamls(String resource) {
        try (var in = RouteFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            List<JsonNode> out = new ArrayList<>();
            var parser = YAML.getFactory().createParser(in);
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext();) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(tree(n));
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
