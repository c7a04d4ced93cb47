package io.qnative.api.serving;

import static io.qnative.api.validation.GoFormat.nz;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.qnative.api.validation.FieldError;

/** Knative's {@code warnDefaultContainerSecurityContext}: warnings about insecure Kubernetes defaults. */
final class SecurityWarnings {

    static final String INSECURE =
            "Kubernetes default value is insecure, Knative may default this to secure in a future release";

    private SecurityWarnings() {
    }

    static FieldError warn(PodSecurityContext psc, SecurityContext sc) {
        SecurityContext c = sc == null ? new SecurityContext() : sc;
        PodSecurityContext p = psc == null ? new PodSecurityContext() : psc;
        FieldError errs = FieldError.none();
        if (p.getRunAsNonRoot() == null && c.getRunAsNonRoot() == null) {
            errs = errs.also(insecure("runAsNonRoot"));
        }
        if (c.getAllowPrivilegeEscalation() == null) {
            errs = errs.also(insecure("allowPrivilegeEscalation"));
        }
        if (c.getSeccompProfile() == null && p.getSeccompProfile() == null) {
            errs = errs.also(insecure("seccompProfile"));
        } else {
            boolean pDefault = p.getSeccompProfile() == null || nz(p.getSeccompProfile().getType())
                    .isEmpty();
            boolean cDefault = c.getSeccompProfile() == null || nz(c.getSeccompProfile().getType())
                    .isEmpty();
            if (pDefault && cDefault) {
                errs = errs.also(insecure("seccompProfile.type"));
            }
        }
        if (c.getCapabilities() == null) {
            errs = errs.also(insecure("capabilities"));
        } else if (c.getCapabilities().getDrop() == null || c.getCapabilities().getDrop().isEmpty()) {
            // fabric8 cannot tell an absent drop list from an empty one; both warn
            errs = errs.also(insecure("capabilities.drop"));
        } else if ("all".equals(c.getCapabilities().getDrop().get(0))) {
            errs = errs.also(FieldError.invalidValue("all", "capabilities.drop", "Must be spelled as 'ALL'")
                    .at(FieldError.Level.WARNING));
        }
        return errs;
    }

    private static FieldError insecure(String path) {
        return FieldError.generic(INSECURE, path).at(FieldError.Level.WARNING);
    }
}
