/**
 * Generates qnative's CustomResourceDefinitions from the {@code io.qnative.api} types (fabric8 crd-generator v2
 * plus a post-processing pass) and checks the copies committed under {@code kubernetes/}.
 */
package io.qnative.testing.crd;
