/**
 * The controller runtime: the reconciler contract, a rate-limited work queue, controllers that drain it with
 * worker threads, status writes through the status subresource with conflict retry, and leader election.
 *
 * <p>Must not import the gateway's request path, the webhook or a kind's own reconciler: the kinds' packages build
 * on this one.
 */
package io.qnative.reconciler;
