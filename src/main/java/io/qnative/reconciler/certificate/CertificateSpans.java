package io.qnative.reconciler.certificate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.qnative.api.networking.v1alpha1.Certificate;
import java.util.List;

/**
 * One OpenTelemetry span per certificate operation (CA creation, issue, renewal, cert-manager sync), a child of the
 * controller's {@code reconcile certificate} span, with the attributes a trace reader filters on: domain, DNS
 * names, namespace, Certificate, issuer, outcome and error. Exported as Zipkin spans when tracing is on
 * ({@link io.qnative.observability.Tracing}).
 */
final class CertificateSpans {

    /** Span names. */
    static final String CA_CREATE = "certificate.ca.create";
    static final String CA_REPLACE = "certificate.ca.replace";
    static final String ISSUE = "certificate.issue";
    static final String RENEW = "certificate.renew";
    static final String CERT_MANAGER_SYNC = "certificate.cert-manager.sync";

    static final AttributeKey<String> DOMAIN = AttributeKey.stringKey("qnative.certificate.domain");
    static final AttributeKey<List<String>> DNS_NAMES = AttributeKey.stringArrayKey("qnative.certificate.dns_names");
    static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("k8s.namespace.name");
    static final AttributeKey<String> NAME = AttributeKey.stringKey("qnative.certificate.name");
    static final AttributeKey<String> ISSUER = AttributeKey.stringKey("qnative.certificate.issuer");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("qnative.certificate.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("qnative.certificate.reason");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");

    private final Tracer tracer;

    CertificateSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A started span about {@code cert} (null for the CA) and {@code issuer}. */
    Op start(String name, Certificate cert, String issuer) {
        var builder = tracer.spanBuilder(name).setAttribute(ISSUER, issuer);
        if (cert != null) {
            List<String> names = cert.getSpec().getDnsNames() == null ? List.of() : cert.getSpec().getDnsNames();
            String domain = cert.getSpec().getDomain();
            builder.setAttribute(DOMAIN, domain == null || domain.isEmpty()
                    ? (names.isEmpty() ? "" : names.get(0)) : domain)
                    .setAttribute(DNS_NAMES, names)
                    .setAttribute(NAMESPACE, cert.getMetadata().getNamespace())
                    .setAttribute(NAME, cert.getMetadata().getName());
        }
        Span span = builder.startSpan();
        return new Op(span, span.makeCurrent());
    }

    /** A running operation: ended once with its outcome, or failed. */
    static final class Op implements AutoCloseable {

        private final Span span;
        private final Scope scope;
        private boolean ended;

        Op(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Records a reason (why a certificate is issued or renewed, what cert-manager says). */
        Op reason(String reason) {
            span.setAttribute(REASON, reason);
            return this;
        }

        /** Ends the span with {@code outcome}. */
        void done(String outcome) {
            span.setAttribute(OUTCOME, outcome);
            close();
        }

        /** Ends the span as failed. */
        void failed(Exception e) {
            span.setAttribute(OUTCOME, "error");
            String message = CertificateReconciler.describe(e);
            span.setAttribute(ERROR, message);
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, message);
            close();
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                scope.close();
                span.end();
            }
        }
    }
}
