/** The {@code serving.knative.dev} API group: label and annotation keys shared by its versions. */
package io.qnative.api.serving;
