/**
 * The Configuration reconciler: one Revision per template generation, latest created and latest ready.
 *
 * <p>Must not import another kind's reconciler or the gateway.
 */
package io.qnative.reconciler.configuration;
