package io.qnative.api.serving;

import static io.qnative.api.serving.PodSpecValidation.MAX_ID;
import static io.qnative.api.serving.PodSpecValidation.PROBE_FIELDS;
import static io.qnative.api.serving.PodSpecValidation.PROBE_POINTERS;
import static io.qnative.api.serving.PodSpecValidation.portString;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.qnative.api.validation.FieldError;

/** Probe rules ({@code validateProbe}, {@code validateReadinessProbe}). */
final class ProbeValidation {

    /** The fields of Go's inlined {@code ProbeHandler}. */
    private static final Set<String> HANDLERS = Set.of("httpGet", "tcpSocket", "exec", "grpc");

    private ProbeValidation() {
    }

    /** {@code portName} null means a sidecar with multi-container probing: the port is required. */
    static FieldError probe(Probe p, String portName) {
        if (p == null) {
            return FieldError.none();
        }
        FieldError errs = Masks.disallowed(p, PROBE_FIELDS, PROBE_POINTERS);
        List<String> handlers = new ArrayList<>();
        if (p.getHttpGet() != null) {
            handlers.add("httpGet");
            errs = errs.also(Masks.disallowed(p.getHttpGet(), Set.of("host", "path", "scheme", "httpHeaders",
                    "port"))).viaField("httpGet");
            errs = errs.also(portCheck(p.getHttpGet().getPort(), portName, "httpGet.port"));
        }
        if (p.getTcpSocket() != null) {
            handlers.add("tcpSocket");
            errs = errs.also(Masks.disallowed(p.getTcpSocket(), Set.of("host", "port"))).viaField("tcpSocket");
            errs = errs.also(portCheck(p.getTcpSocket().getPort(), portName, "tcpSocket.port"));
        }
        if (p.getExec() != null) {
            handlers.add("exec");
            errs = errs.also(Masks.disallowed(p.getExec(), Set.of("command"))).viaField("exec");
        }
        if (p.getGrpc() != null) {
            handlers.add("gRPC");
            errs = errs.also(Masks.disallowed(p.getGrpc(), Set.of("port", "service"))).viaField("grpc");
        }
        if (handlers.isEmpty()) {
            errs = errs.also(FieldError.missingOneOf("httpGet", "tcpSocket", "exec", "grpc"));
        } else if (handlers.size() > 1) {
            errs = errs.also(FieldError.multipleOneOf(handlers.toArray(String[]::new)));
        }
        return errs;
    }

    /**
     * A sidecar's probe without multi-container probing: every set field is disallowed
     * ({@code validateSidecarContainer}: {@code CheckDisallowedFields(probe, ProbeMask(&corev1.Probe{}))}). Go's
     * {@code ProbeHandler} is embedded inline, so {@code kmp.CompareSetFields} reports a set handler under no name of
     * its own: the error names the probe itself ({@code containers[1].livenessProbe}), not {@code .httpGet}.
     */
    static FieldError refused(Probe p) {
        if (p == null) {
            return FieldError.none();
        }
        FieldError errs = Masks.disallowed(p, HANDLERS, PROBE_POINTERS);
        if (p.getHttpGet() != null || p.getTcpSocket() != null || p.getExec() != null || p.getGrpc() != null) {
            errs = errs.also(FieldError.disallowedFields(FieldError.CURRENT_FIELD));
        }
        return errs;
    }

    private static FieldError portCheck(IntOrString port, String portName, String path) {
        if (portName == null) {
            boolean unset = port == null || port.getStrVal() == null
                    && (port.getIntVal() == null || port.getIntVal() == 0);
            return unset ? FieldError.invalidValue(0, path, "Probe port must be specified") : FieldError.none();
        }
        if (port != null && port.getStrVal() != null && !port.getStrVal().isEmpty()
                && !port.getStrVal().equals(portName)) {
            return FieldError.invalidValue(portString(port), path, "Probe port must match container port");
        }
        return FieldError.none();
    }

    static FieldError readiness(Probe p, String portName) {
        if (p == null) {
            return FieldError.none();
        }
        FieldError errs = probe(p, portName);
        int period = zero(p.getPeriodSeconds());
        int delay = zero(p.getInitialDelaySeconds());
        int success = zero(p.getSuccessThreshold());
        int failure = zero(p.getFailureThreshold());
        int timeout = zero(p.getTimeoutSeconds());
        if (period < 0) {
            errs = errs.also(FieldError.outOfBoundsValue(period, 0, MAX_ID, "periodSeconds"));
        }
        if (delay < 0) {
            errs = errs.also(FieldError.outOfBoundsValue(delay, 0, MAX_ID, "initialDelaySeconds"));
        }
        if (success < 1) {
            errs = errs.also(FieldError.outOfBoundsValue(success, 1, MAX_ID, "successThreshold"));
        }
        if (period == 0) {
            if (failure != 0) {
                errs = errs.also(FieldError.generic("failureThreshold is disallowed when periodSeconds is zero",
                        "failureThreshold"));
            }
            if (timeout != 0) {
                errs = errs.also(FieldError.generic("timeoutSeconds is disallowed when periodSeconds is zero",
                        "timeoutSeconds"));
            }
        } else {
            if (timeout < 1) {
                errs = errs.also(FieldError.outOfBoundsValue(timeout, 1, MAX_ID, "timeoutSeconds"));
            }
            if (failure < 1) {
                errs = errs.also(FieldError.outOfBoundsValue(failure, 1, MAX_ID, "failureThreshold"));
            }
        }
        return errs;
    }

    private static int zero(Integer i) {
        return i == null ? 0 : i;
    }
}
