/**
 * Knative-style table tests for reconcilers: rows of existing objects, a key, reactors that fail chosen requests
 * ({@code InduceFailure}), and the writes, events, error and requeue wanted from one reconcile. The store behind a
 * row is fabric8's CRUD dispatcher, reached either over HTTP from the mock API server ({@code *IT}, the wire) or
 * in-process through a socket-less client transport ({@code *TableTest}, the unit tier). Wanted statuses are YAML
 * literals ({@link io.qnative.testing.table.Literals}).
 *
 * <p>Test code only; imports the fabric8 client and mock server, never Quarkus or CDI.
 */
package io.qnative.testing.table;
