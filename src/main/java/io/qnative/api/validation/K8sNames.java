package io.qnative.api.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes name checks ({@code k8s.io/apimachinery/pkg/util/validation}) with their exact messages, as Knative
 * embeds them in its field errors. Each returns the list of problems, empty when the value is valid. Also
 * {@link #childName}, knative.dev/pkg's {@code kmeta.ChildName}, for names derived from others.
 */
public final class K8sNames {

    /** The longest name Kubernetes allows for a DNS-1123 label. */
    public static final int LONGEST = 63;
    private static final int MD5_HEX_LENGTH = 32;
    private static final int HEAD = LONGEST - MD5_HEX_LENGTH;

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                    + "character";

    private K8sNames() {
    }

    /** {@code IsDNS1035Label}. */
    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                    + "with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT,
                    "my-name", "abc-123"));
        }
        return errs;
    }

    /** {@code NameIsDNS1035Label}: with {@code prefix}, a trailing dash is allowed (generateName). */
    public static List<String> nameIsDns1035Label(String name, boolean prefix) {
        String n = name;
        if (prefix && n.length() > 1 && n.endsWith("-")) {
            n = n.substring(0, n.length() - 1) + "a";
        }
        return dns1035Label(n);
    }

    /** {@code IsDNS1123Label}. */
    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                    + "'-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name",
                    "123-abc"));
        }
        return errs;
    }

    /** {@code IsDNS1123Subdomain}. */
    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLen(253));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT,
                    "example.com"));
        }
        return errs;
    }

    /** {@code IsQualifiedName}: an optional DNS-1123 subdomain prefix and {@code /}, then a name part. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            name = parts[1];
            if (parts[0].isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc"));
        }
        return errs;
    }

    /**
     * {@code IsFullyQualifiedDomainName} at field {@code path}, rendered as its aggregate error
     * ({@code name: Invalid value: "x": ...}); empty when valid.
     */
    public static String fullyQualifiedDomainName(String path, String name) {
        if (name == null || name.isEmpty()) {
            return path + ": Required value";
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> errs = dns1123Subdomain(n);
        if (!errs.isEmpty()) {
            return invalid(path, n, String.join(",", errs));
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length < 2) {
            return invalid(path, n, "should be a domain with at least two segments separated by dots");
        }
        for (String label : labels) {
            List<String> le = dns1123Label(label);
            if (!le.isEmpty()) {
                return invalid(path, label, String.join(",", le));
            }
        }
        return "";
    }

    private static String invalid(String path, String value, String detail) {
        return path + ": Invalid value: " + GoFormat.quote(value) + ": " + detail;
    }

    private static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    private static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    /**
     * {@code kmeta.ChildName}: {@code parent + suffix} when that fits in 63 characters; otherwise the parent is cut
     * and the hex MD5 of the parent spliced in before the suffix; when the suffix alone leaves no room for the head
     * (31 characters or more), the head of the parent, the MD5 of {@code parent + suffix} and as much of the suffix
     * as fits, with trailing non-alphanumerics trimmed.
     */
    public static String childName(String parent, String suffix) {
        if (parent.length() <= LONGEST - suffix.length()) {
            return parent + suffix;
        }
        if (HEAD - suffix.length() <= 0) {
            String head = parent.length() > HEAD ? parent.substring(0, HEAD) : parent;
            String ret = head + md5Hex(parent + suffix);
            int room = LONGEST - ret.length();
            if (room > 0) {
                ret += suffix.substring(0, room);
            }
            return trimTrailingNonAlphanumerics(ret);
        }
        return parent.substring(0, HEAD - suffix.length()) + md5Hex(parent) + suffix;
    }

    private static String md5Hex(String s) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private static String trimTrailingNonAlphanumerics(String s) {
        int end = s.length();
        while (end > 0 && !isAlphanumeric(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
