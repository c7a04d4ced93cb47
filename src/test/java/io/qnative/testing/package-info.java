/** Test support shared by every tier: configs, example loaders, shipped config, schema checks, fakes, the local-cluster harness. */
package io.qnative.testing;
