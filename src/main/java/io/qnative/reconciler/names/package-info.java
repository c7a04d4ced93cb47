/**
 * Every name qnative gives a child object, in one place ({@code resources/names} of each Knative reconciler),
 * so reconcilers, builders and tests agree on them.
 */
package io.qnative.reconciler.names;
