package io.qnative.config;

import java.util.regex.Pattern;

/** Checks Kubernetes resource quantities ({@code 100m}, {@code 1Gi}, {@code 1.5}, {@code 2e3}) without a client. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

    private Quantities() {
    }

    /** Returns {@code value} when it is a valid quantity. */
    static String parse(String value) {
        if (!QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a Kubernetes quantity such as 100m, 128Mi or 1");
        }
        return value;
    }
}
