/**
 * Configuration, in two layers.
 *
 * <p>Process settings are {@link io.qnative.config.QnativeConfig}, a {@code @ConfigMapping} read once at
 * startup. Cluster settings are the {@code config-*} ConfigMaps in the system namespace: each map has one
 * immutable record ({@link io.qnative.config.AutoscalerConfig}, {@link io.qnative.config.NetworkConfig}, ...)
 * with Knative's keys and defaults and a pure {@code parse(Map)} that reports every problem at once in a
 * {@link io.qnative.config.ConfigException}. {@link io.qnative.config.ConfigSnapshot} holds one of each and is
 * captured once per reconcile; {@link io.qnative.config.ConfigStore} is the only class here that talks to the
 * API server.
 *
 * <p>Must not import a reconciler, the webhook or the gateway: every other part reads configuration from here, not
 * the reverse.
 */
package io.qnative.config;
