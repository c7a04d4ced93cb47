/**
 * Tag-to-digest resolution of a Revision's images (Knative's {@code pkg/reconciler/revision/resolve.go} and
 * {@code background.go}): {@link io.qnative.reconciler.revision.digest.ImageRef} parses references,
 * {@link io.qnative.reconciler.revision.digest.RegistryAuth} reads pull secrets and auth challenges,
 * {@link io.qnative.reconciler.revision.digest.RegistryClient} speaks the registry v2 API (token and basic auth),
 * and {@link io.qnative.reconciler.revision.digest.DigestResolver} runs it off the reconcile thread with a bounded
 * cache. Pull secrets come in through {@link io.qnative.reconciler.revision.digest.DigestResolver.Keychain}.
 *
 * <p>Must not import CDI, Quarkus or the Kubernetes client; the registry is reached with the JDK's HTTP client.
 */
package io.qnative.reconciler.revision.digest;
