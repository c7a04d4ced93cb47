/** Test support shared by the test tiers: table harness, object mothers, fake clock, shipped-config loaders. */
package io.qnative.testing;
