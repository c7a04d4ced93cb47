/**
 * Pure helpers shared by the child builders of every reconciler ({@code knative.dev/pkg/kmeta}): controller owner
 * references, sorted label/annotation maps and deep copies. No client, no CDI, no clock.
 */
package io.qnative.reconciler.resources;
