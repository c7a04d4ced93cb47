package io.qnative.reconciler.route.resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qnative.api.serving.v1.Route;

/**
 * Names and owner references of a Route's children ({@code route/resources/names}). Local helper until the shared
 * {@code Names} class lands (the lead will unify): KIngress {@code ChildName(route, "")}; placeholder Services are
 * named by their host name.
 */
final class RouteNames {

    private static final int LONGEST = 63;
    private static final int MD5_HEX = 32;

    private RouteNames() {
    }

    /** The KIngress name: the Route's name, hashed past 63 characters. */
    static String ingress(Route route) {
        return childName(route.getMetadata().getName(), "");
    }

    /**
     * {@code kmeta.ChildName}: {@code parent+suffix} when it fits in 63 characters; otherwise, for suffixes under 31
     * characters, the head of the parent, the hex MD5 of the parent and the suffix; for longer suffixes, the head
     * of the parent, the hex MD5 of {@code parent+suffix} and as much of the suffix as fits, trailing
     * non-alphanumerics trimmed.
     */
    static String childName(String parent, String suffix) {
        if (parent.length() + suffix.length() <= LONGEST) {
            return parent + suffix;
        }
        if (suffix.length() < LONGEST - MD5_HEX) {
            return parent.substring(0, LONGEST - MD5_HEX - suffix.length()) + md5(parent) + suffix;
        }
        String head = parent.substring(0, Math.min(parent.length(), LONGEST - MD5_HEX));
        String n = head + md5(parent + suffix);
        n = n + suffix.substring(0, Math.min(suffix.length(), LONGEST - n.length()));
        return n.replaceAll("[^a-zA-Z0-9]+$", "");
    }

    /** The controller reference a Route's children carry. */
    static OwnerReference controllerRef(Route route) {
        return new OwnerReferenceBuilder().withApiVersion(route.getApiVersion()).withKind(route.getKind())
                .withName(route.getMetadata().getName()).withUid(route.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }
}
