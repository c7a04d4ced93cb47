package io.qnative.reconciler.route.traffic;

import java.util.Comparator;

/**
 * A Configuration or Revision a Route refers to, directly or through a Configuration, existing or not: what the
 * Route reconciler watches and the labeler marks.
 *
 * @param kind {@code Configuration} or {@code Revision}
 * @param name the object's name (in the Route's namespace)
 */
public record ObjectRef(String kind, String name) implements Comparable<ObjectRef> {

    /** Kind of Configuration references. */
    public static final String CONFIGURATION = "Configuration";
    /** Kind of Revision references. */
    public static final String REVISION = "Revision";
    /** The API version of both kinds. */
    public static final String API_VERSION = "serving.knative.dev/v1";

    private static final Comparator<ObjectRef> ORDER =
            Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::name);

    @Override
    public int compareTo(ObjectRef o) {
        return ORDER.compare(this, o);
    }
}
