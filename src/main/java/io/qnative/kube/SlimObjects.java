package io.qnative.kube;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a model object tree (an informer's cached object) smaller in place, without changing what it equals or how
 * it serialises. Two things take most of a cached object's heap besides its unique values:
 *
 * <p><b>Repeated strings.</b> Every object read from the API server has its own copy of each string: a ksvc's name
 * recurs as a name, label value and owner reference in a dozen of its children, the revision's name in half a
 * dozen more, and namespaces, kinds, API versions, container images, condition types, statuses and reasons in
 * every object. The string values of a model object's fields, of its labels and of its short annotation values are
 * replaced with the JVM's canonical instance ({@link String#intern}; unreferenced ones are collected), except the
 * fields that are unique per object or per write (uids, resource versions, timestamps, IPs, messages), where
 * interning would only grow the JVM's string table.
 *
 * <p><b>Empty maps.</b> One immutable empty map replaces every empty {@code additionalProperties} map. fabric8's
 * model classes give each object its own {@code LinkedHashMap} for fields the class does not model, whether any
 * were read or not: a Deployment read from the API server carries ~50 of them, and at 1,000 ksvcs the informer
 * caches held ~190,000 empty ones (~10 MB of the live heap, bench/README.md). Equality is unchanged (an empty map
 * equals any empty map), serialisation writes nothing for either, and the fabric8 builders copy the map when an
 * object is edited. A cached object is never mutated (its {@link Lister} says so), so nothing ever adds to a shared
 * map; {@code clear()} on it is a no-op, as on the map it replaced.
 */
final class SlimObjects {

    /** Clear-tolerant (unlike {@code Map.of()}), and equal to every empty map. */
    private static final Map<String, Object> EMPTY = Collections.emptyMap();
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    private static final int MAX_DEPTH = 64;
    /** Annotation values up to this length are interned (longer ones are JSON documents, rarely repeated). */
    static final int MAX_INTERNED_ANNOTATION = 64;
    /** String fields whose values are unique per object or per write: never interned. */
    static final Set<String> UNIQUE_FIELDS = Set.of("uid", "resourceVersion", "creationTimestamp",
            "deletionTimestamp", "lastTransitionTime", "lastUpdateTime", "lastProbeTime", "lastHeartbeatTime",
            "startTime", "startedAt", "finishedAt", "message", "selfLink", "clusterIP", "ip", "podIP", "hostIP",
            "containerID", "imageID", "firstTimestamp", "lastTimestamp", "eventTime", "generateName");

    /** The fields of a model class worth visiting: object-valued, non-static, non-final. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && isModel(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isFinal(m) || f.getType().isPrimitive()
                            || (f.getType() == String.class && UNIQUE_FIELDS.contains(f.getName()))
                            || f.getType().isEnum()
                            || Number.class.isAssignableFrom(f.getType()) || f.getType() == Boolean.class) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        fields.add(f);
                    } catch (RuntimeException e) {
                        // not accessible (a module boundary): leave the field as it is
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private SlimObjects() {
    }

    /** The model classes walked: fabric8's and qnative's API types. */
    static boolean isModel(Class<?> c) {
        String name = c.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.qnative.api.");
    }

    /** Replaces every empty {@code additionalProperties} map in {@code root}'s tree with the shared one. */
    static void shareEmptyMaps(Object root) {
        walk(root, 0);
    }

    private static void walk(Object obj, int depth) {
        if (obj == null || depth > MAX_DEPTH || !isModel(obj.getClass())) {
            return;
        }
        for (Field f : FIELDS.get(obj.getClass())) {
            Object value;
            try {
                value = f.get(obj);
            } catch (IllegalAccessException e) {
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value instanceof String string) {
                String canonical = string.intern();
                if (canonical != string) {
                    set(f, obj, canonical);
                }
            } else if (value instanceof Map<?, ?> map) {
                if (ADDITIONAL_PROPERTIES.equals(f.getName())) {
                    if (map.isEmpty() && map != EMPTY) {
                        set(f, obj, EMPTY);
                    }
                } else if ("labels".equals(f.getName()) || "annotations".equals(f.getName())) {
                    internValues(map, "labels".equals(f.getName()) ? Integer.MAX_VALUE : MAX_INTERNED_ANNOTATION);
                } else {
                    visitAll(map.values(), depth);
                }
            } else if (value instanceof Collection<?> items) {
                visitAll(items, depth);
            } else {
                walk(value, depth + 1);
            }
        }
    }

    private static void visitAll(Collection<?> items, int depth) {
        for (Object item : items) {
            if (item != null && isModel(item.getClass())) {
                walk(item, depth + 1);
            }
        }
    }

    /** Interns the string values (up to {@code maxLength} long) of a mutable map in place; keys are left alone. */
    private static void internValues(Map<?, ?> map, int maxLength) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof String v && v.length() <= maxLength) {
                String canonical = v.intern();
                if (canonical != v) {
                    try {
                        @SuppressWarnings("unchecked")
                        Map.Entry<Object, Object> entry = (Map.Entry<Object, Object>) e;
                        entry.setValue(canonical);
                    } catch (UnsupportedOperationException immutable) {
                        return;
                    }
                }
            }
        }
    }

    private static void set(Field f, Object obj, Object value) {
        try {
            f.set(obj, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            // a field of another map type: leave it
        }
    }
}
