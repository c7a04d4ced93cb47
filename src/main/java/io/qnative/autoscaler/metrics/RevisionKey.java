package io.qnative.autoscaler.metrics;

/**
 * A revision, the unit the autoscaler collects and decides for (Knative keys by the PodAutoscaler's namespace and
 * name, which are the Revision's).
 *
 * @param namespace the namespace
 * @param name the revision's name
 */
public record RevisionKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
