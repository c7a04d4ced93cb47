/** Revision garbage collection per Configuration, driven by config-gc. */
package io.qnative.reconciler.gc;
