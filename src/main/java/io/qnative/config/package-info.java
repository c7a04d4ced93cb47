/**
 * Configuration in two layers: process settings ({@link io.qnative.config.QnativeConfig}) and the cluster's
 * {@code config-*} ConfigMaps, parsed into immutable records and captured once per reconcile.
 */
package io.qnative.config;
