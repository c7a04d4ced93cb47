package io.qnative.testing.e2e;

/**
 * The namespace {@link LocalClusterExtension} created for the current test method ({@code e2e-<random>}),
 * with its {@code default} ServiceAccount in place; deleted after the test.
 *
 * @param name the namespace name
 */
public record TestNamespace(String name) {
}
