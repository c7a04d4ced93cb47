/** {@code serving.knative.dev/v1beta1}: DomainMapping, which maps a custom domain to an Addressable. */
package io.qnative.api.serving.v1beta1;
