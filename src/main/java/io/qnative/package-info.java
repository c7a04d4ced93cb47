/** qnative: Knative Serving in one process. Startup wiring and the explicit list of controllers. */
package io.qnative;
