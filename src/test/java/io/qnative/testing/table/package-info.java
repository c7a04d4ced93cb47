/**
 * Knative-style table tests for reconcilers on the fabric8 mock API server: rows of existing objects, a key, and
 * the writes, events and error wanted from one reconcile.
 */
package io.qnative.testing.table;
