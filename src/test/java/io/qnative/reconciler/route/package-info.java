/** Tests and object mothers for the Route's pure parts. */
package io.qnative.reconciler.route;
