package io.qnative.reconciler;

/**
 * One kind's control loop: bring the world in line with the object named by the key. Reads come from informer
 * caches; the object may have been deleted since the key was queued, which is not an error.
 */
@FunctionalInterface
public interface Reconciler {

    /**
     * Reconciles one object.
     *
     * @throws Exception any failure; the key is retried with per-key exponential back-off
     */
    Result reconcile(ObjectKey key) throws Exception;
}
