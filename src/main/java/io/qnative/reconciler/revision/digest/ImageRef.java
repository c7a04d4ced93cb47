package io.qnative.reconciler.revision.digest;

import java.util.Locale;

/**
 * A parsed image reference, normalized as Docker does ({@code go-containerregistry}'s {@code name.ParseReference}):
 * no registry means Docker Hub ({@code index.docker.io}, one-part repositories under {@code library/}), no tag means
 * {@code latest}.
 *
 * @param registry registry host (and port)
 * @param repository repository path inside the registry
 * @param tag the tag, or null when the reference has a digest
 * @param digest {@code sha256:...}, or null
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    /** Docker Hub's registry host. */
    public static final String DOCKER_HUB = "index.docker.io";

    /**
     * Parses {@code image}.
     *
     * @throws IllegalArgumentException naming the image when it is not a valid reference
     */
    public static ImageRef parse(String image) {
        if (image == null || image.isBlank() || !image.equals(image.trim())) {
            throw new IllegalArgumentException("invalid image reference \"" + image + "\"");
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("invalid digest in image reference \"" + image + "\"");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!tag.matches("[\\w][\\w.-]{0,127}")) {
                throw new IllegalArgumentException("invalid tag in image reference \"" + image + "\"");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals("docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (rest.isEmpty() || !rest.matches("[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("invalid repository in image reference \"" + image + "\"");
        }
        return new ImageRef(registry, rest, digest == null && tag == null ? "latest" : tag, digest);
    }

    /** Whether the reference already names a digest (resolution passes it through). */
    public boolean hasDigest() {
        return digest != null;
    }

    /** The manifest reference of the v2 API: the digest when known, else the tag. */
    public String manifestReference() {
        return hasDigest() ? digest : tag;
    }

    /**
     * The registry's base URL: plain HTTP for loopback, {@code localhost} and {@code *.local} registries (as
     * go-containerregistry's {@code Registry.Scheme}), HTTPS otherwise.
     */
    public String baseUrl() {
        String host = registry.toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        boolean insecure = bare.equals("localhost") || bare.startsWith("127.") || bare.equals("[::1]")
                || bare.endsWith(".local");
        return (insecure ? "http://" : "https://") + registry;
    }

    /** {@code <registry>/<repository>@<digest>}: what a resolved container runs. */
    public String withDigest(String resolved) {
        return registry + "/" + repository + "@" + resolved;
    }
}
