package io.qnative.reconciler.route.domains;

/**
 * The domain or tag template cannot produce a valid host for a Route (Knative's {@code domains.ErrorDomainName}):
 * the Route's AllTrafficAssigned becomes False {@code ErrorConfig} with this message.
 */
public final class DomainNameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Knative's sentinel text that prefixes every such message. */
    public static final String PREFIX = "domain name error";

    /** @param detail what went wrong, appended after {@value #PREFIX} */
    public DomainNameException(String detail) {
        super(PREFIX + ": " + detail);
    }

    /** @param detail what went wrong; @param cause the template error */
    public DomainNameException(String detail, Throwable cause) {
        super(PREFIX + ": " + detail, cause);
    }
}
