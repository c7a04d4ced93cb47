/** The Configuration reconciler: one Revision per template generation, latest created and latest ready. */
package io.qnative.reconciler.configuration;
