package io.qnative.api.serving;

import java.util.regex.Pattern;

/**
 * Whether an image reference parses as go-containerregistry's {@code name.ParseReference} with weak validation
 * does: {@code [registry/]repository[:tag][@sha256:<64 hex>]}, the repository at least two characters of
 * {@code a-z0-9_-./}.
 */
final class ImageReference {

    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9_./-]{2,255}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]{1,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]+)?|\\[[0-9a-fA-F:]+\\](:[0-9]+)?");

    private ImageReference() {
    }

    static boolean parses(String ref) {
        String base = ref;
        int at = ref.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(ref.substring(at + 1)).matches()) {
                return false;
            }
            base = ref.substring(0, at);
        }
        int colon = base.lastIndexOf(':');
        if (colon >= 0 && !base.substring(colon + 1).contains("/")) {
            if (!TAG.matcher(base.substring(colon + 1)).matches()) {
                return false;
            }
            base = base.substring(0, colon);
        }
        String repo = base;
        String[] parts = base.split("/", 2);
        if (parts.length == 2 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            if (!REGISTRY.matcher(parts[0]).matches()) {
                return false;
            }
            repo = parts[1];
        }
        return REPOSITORY.matcher(repo).matches();
    }
}
