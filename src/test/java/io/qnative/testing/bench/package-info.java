/** Benchmarks run by the scripts in bench/ (mains, not tests). */
package io.qnative.testing.bench;
