/**
 * Revision garbage collection per Configuration, driven by config-gc.
 *
 * <p>Must not import the Kubernetes client: the selection is pure, the Configuration reconciler deletes.
 */
package io.qnative.reconciler.gc;
