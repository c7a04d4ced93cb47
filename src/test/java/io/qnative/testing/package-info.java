/** Test support shared by every tier: configs, object mothers, fakes, the local-cluster harness. */
package io.qnative.testing;
