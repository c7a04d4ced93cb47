/**
 * The admission webhook, a thin AdmissionReview transport over the rules on the API types and the config parsers:
 * {@link io.qnative.webhook.WebhookServer} (HTTPS on 9443, its own Vert.x listener with a certificate that rotates
 * in place), {@link io.qnative.webhook.ResourceAdmission} ({@code /defaulting}: the JSON patch of
 * {@link io.qnative.api.validation.Defaultable#setDefaults}; {@code /resource-validation}:
 * {@link io.qnative.api.validation.Validatable#validate} in Knative's message format) and
 * {@link io.qnative.webhook.ConfigAdmission} ({@code /config-validation} of the {@code config-*} ConfigMaps).
 *
 * <p>Must not import a reconciler ({@code io.qnative.reconciler..}) or the gateway: admission answers from the
 * request and the config snapshot alone.
 */
package io.qnative.webhook;
