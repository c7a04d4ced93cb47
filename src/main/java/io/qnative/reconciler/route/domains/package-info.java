/**
 * Hosts, URLs and visibility of a Route and its tags (Knative {@code route/domains} and {@code route/visibility};
 * pkg/reconciler/route/domains/domains.go). Pure functions over the Route, a {@link
 * io.qnative.config.ConfigSnapshot} and read-only
 * lookups; errors in the domain template surface as {@link io.qnative.reconciler.route.domains.DomainNameException}
 * (the Route's {@code ErrorConfig}).
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Micrometer or a clock.
 */
package io.qnative.reconciler.route.domains;
