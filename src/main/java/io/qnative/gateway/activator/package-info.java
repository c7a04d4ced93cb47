/**
 * Knative's activator in process (pkg/activator/net/throttler.go, lb_policy.go): per revision, the pods that passed
 * a readiness probe through the gateway, their containerConcurrency slots, the bounded FIFO of requests waiting for
 * a slot (buffering at zero), the load-balancing policy and the slicing of pod capacity across gateway replicas.
 *
 * <p>Nothing here blocks a thread: a request waiting for a slot is a queued {@link
 * io.qnative.gateway.activator.Ticket}, completed by a callback. The pure parts ({@link
 * io.qnative.gateway.activator.LbPolicy}, {@link io.qnative.gateway.activator.Slicing}, {@link
 * io.qnative.gateway.activator.RevisionThrottler}) import no Kubernetes client, CDI or Vert.x; the discovery and
 * probing classes read informer caches and use Vert.x. Never imports {@code io.qnative.reconciler..}.
 */
package io.qnative.gateway.activator;
