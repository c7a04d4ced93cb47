/** Test support shared by the test tiers: example loaders, schema checks, fakes. */
package io.qnative.testing;
