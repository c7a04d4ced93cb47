/**
 * fabric8 glue shared by the controllers: listers over informers, the child applier, owner refs, events.
 *
 * <p>Must not import a reconciler, the webhook or the gateway: the controllers build on this package, not the
 * reverse.
 */
package io.qnative.kube;
