/**
 * The controller runtime: the reconciler contract, a rate-limited work queue, controllers that drain it with
 * worker threads, status writes through the status subresource with conflict retry, and leader election.
 */
package io.qnative.reconciler;
