/**
 * The admission webhook, a thin AdmissionReview transport over the rules on the API types and the config parsers:
 * {@link io.qnative.webhook.WebhookServer} (HTTPS on 9443, its own Vert.x listener with a certificate that rotates
 * in place), {@link io.qnative.webhook.ResourceAdmission} ({@code /defaulting}: the JSON patch of
 * {@link io.qnative.api.validation.Defaultable#setDefaults}; {@code /resource-validation}:
 * {@link io.qnative.api.validation.Validatable#validate} in Knative's message format) and
 * {@link io.qnative.webhook.ConfigAdmission} ({@code /config-validation} of the {@code config-*} ConfigMaps), and
 * {@link io.qnative.webhook.ValidationCallbacks}, which dry-run creates the Pod of a dry-run Service or Configuration
 * through a {@link io.qnative.webhook.PodDryRun} (the only call to the API server, off the event loop).
 *
 * <p>Must not import a reconciler ({@code io.qnative.reconciler..}) or the gateway: admission answers from the
 * request, the config snapshot and, for dry runs only, the API server.
 */
package io.qnative.webhook;
