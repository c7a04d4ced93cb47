package io.qnative.reconciler.route.domains;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' {@code validation.IsFullyQualifiedDomainName(field.NewPath("url"), name)} with its exact messages,
 * which Knative puts into a Route's {@code ErrorConfig} condition.
 */
final class Fqdn {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern LABEL_RE = Pattern.compile(LABEL);
    private static final Pattern SUBDOMAIN_RE = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is '" + LABEL + "(\\." + LABEL + ")*')";
    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '" + LABEL + "')";

    private Fqdn() {
    }

    /** The problems with {@code name} as Kubernetes renders them ({@code url: Invalid value: ...}); empty if valid. */
    static List<String> problems(String name) {
        List<String> errs = new ArrayList<>();
        if (name.isEmpty()) {
            errs.add("url: Required value");
            return errs;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.length() > 253) {
            errs.add(invalid(n, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN_RE.matcher(n).matches()) {
            errs.add(invalid(n, SUBDOMAIN_MSG));
        }
        if (!errs.isEmpty()) {
            return errs;
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length < 2) {
            errs.add(invalid(n, "should be a domain with at least two segments separated by dots"));
            return errs;
        }
        for (String label : labels) {
            if (label.length() > 63) {
                errs.add(invalid(label, "must be no more than 63 characters"));
            }
            if (!LABEL_RE.matcher(label).matches()) {
                errs.add(invalid(label, LABEL_MSG));
            }
        }
        return errs;
    }

    /** {@code field.ErrorList.ToAggregate().Error()}: one error as is, several in brackets. */
    static String aggregate(List<String> errs) {
        return errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
    }

    private static String invalid(String value, String detail) {
        return "url: Invalid value: \"" + value + "\": " + detail;
    }
}
