/**
 * The Service (ksvc) reconciler: a Configuration and a Route per Service, and the aggregated status.
 *
 * <p>Must not import another kind's reconciler or the gateway.
 */
package io.qnative.reconciler.service;
