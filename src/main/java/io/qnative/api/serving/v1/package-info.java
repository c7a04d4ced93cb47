/**
 * {@code serving.knative.dev/v1}: Service, Configuration, Revision and Route, their specs and statuses, and each
 * kind's condition types, reasons and condition set.
 */
package io.qnative.api.serving.v1;
