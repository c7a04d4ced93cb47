package io.qnative.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config-features}: feature flags (Knative's pkg/apis/config/features.go), every flag Knative has, with its
 * default.
 * {@code multi-container} and {@code kubernetes.podspec-volumes-emptydir} default to Enabled, all others to
 * Disabled. Values are case-insensitive. {@code secure-pod-defaults} takes Disabled, AllowRootBounded or Enabled.
 *
 * <p>Difference from Knative: an unrecognised value is reported as a problem (and the map's last good value is
 * kept) where Knative silently keeps the flag's default.
 *
 * @param flags every flag by key, each {@link Flag#ENABLED}, {@link Flag#ALLOWED} or {@link Flag#DISABLED}
 * @param securePodDefaults {@code secure-pod-defaults}
 */
public record FeaturesConfig(Map<String, Flag> flags, SecurePodDefaults securePodDefaults) {

    /** The ConfigMap name. */
    public static final String NAME = "config-features";

    /** {@code multi-container}. */
    public static final String MULTI_CONTAINER = "multi-container";
    /** {@code multi-container-probing}. */
    public static final String MULTI_CONTAINER_PROBING = "multi-container-probing";
    /** {@code tag-header-based-routing}. */
    public static final String TAG_HEADER_BASED_ROUTING = "tag-header-based-routing";
    /** {@code kubernetes.podspec-volumes-emptydir}. */
    public static final String PODSPEC_VOLUMES_EMPTYDIR = "kubernetes.podspec-volumes-emptydir";
    /** {@code secure-pod-defaults}. */
    public static final String SECURE_POD_DEFAULTS = "secure-pod-defaults";

    /** Every Enabled/Allowed/Disabled flag Knative knows, in its order. */
    public static final List<String> FLAG_KEYS = List.of(
            "autodetect-http2",
            "kubernetes.containerspec-addcapabilities",
            "kubernetes.podspec-affinity",
            "kubernetes.podspec-dnsconfig",
            "kubernetes.podspec-dnspolicy",
            "kubernetes.podspec-fieldref",
            "kubernetes.podspec-hostaliases",
            "kubernetes.podspec-hostipc",
            "kubernetes.podspec-hostnetwork",
            "kubernetes.podspec-hostpid",
            "kubernetes.podspec-init-containers",
            "kubernetes.podspec-nodeselector",
            "kubernetes.podspec-persistent-volume-claim",
            "kubernetes.podspec-persistent-volume-write",
            "kubernetes.podspec-priorityclassname",
            "kubernetes.podspec-runtimeclassname",
            "kubernetes.podspec-schedulername",
            "kubernetes.podspec-securitycontext",
            "kubernetes.podspec-shareprocessnamespace",
            "kubernetes.podspec-tolerations",
            "kubernetes.podspec-topologyspreadconstraints",
            "kubernetes.podspec-volumes-csi",
            PODSPEC_VOLUMES_EMPTYDIR,
            "kubernetes.podspec-volumes-hostpath",
            "kubernetes.podspec-volumes-image",
            "kubernetes.podspec-volumes-mount-propagation",
            MULTI_CONTAINER,
            MULTI_CONTAINER_PROBING,
            "queueproxy.mount-podinfo",
            "queueproxy.resource-defaults",
            TAG_HEADER_BASED_ROUTING);

    /** Knative's defaults. */
    public static final FeaturesConfig DEFAULT = new FeaturesConfig(defaultFlags(), SecurePodDefaults.DISABLED);

    /**
     * Canonical, sorted, unmodifiable copy: iterated in key order, looked up by hash (the webhook looks up every
     * pod-spec flag for each review; a TreeMap's string comparisons showed in its profile, bench/README.md).
     */
    public FeaturesConfig {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(flags)));
    }

    /** A flag's value; unknown keys are Disabled. */
    public Flag flag(String key) {
        return flags.getOrDefault(key, Flag.DISABLED);
    }

    /** True when the flag is Enabled. */
    public boolean enabled(String key) {
        return flag(key) == Flag.ENABLED;
    }

    /** True when the flag is Enabled or Allowed. */
    public boolean allowed(String key) {
        return flag(key) != Flag.DISABLED;
    }

    private static Map<String, Flag> defaultFlags() {
        Map<String, Flag> flags = new LinkedHashMap<>();
        for (String key : FLAG_KEYS) {
            flags.put(key, Flag.DISABLED);
        }
        flags.put(MULTI_CONTAINER, Flag.ENABLED);
        flags.put(PODSPEC_VOLUMES_EMPTYDIR, Flag.ENABLED);
        return flags;
    }

    /**
     * Parses the map.
     *
     * @throws ConfigException with every unrecognised value
     */
    public static FeaturesConfig parse(Map<String, String> data) {
        MapReader r = new MapReader(NAME, data);
        FeaturesConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    static FeaturesConfig read(MapReader r) {
        Map<String, Flag> flags = new LinkedHashMap<>(DEFAULT.flags);
        for (String key : FLAG_KEYS) {
            flags.put(key, r.typed(DEFAULT.flags.get(key), Flag::parse, key));
        }
        return new FeaturesConfig(flags,
                r.typed(DEFAULT.securePodDefaults, SecurePodDefaults::parse, SECURE_POD_DEFAULTS));
    }

    /** A feature flag value. */
    public enum Flag {
        /** The behaviour is on. */
        ENABLED("Enabled"),
        /** Users may opt in (annotation or field), otherwise off. */
        ALLOWED("Allowed"),
        /** The behaviour is off. */
        DISABLED("Disabled");

        private final String text;

        Flag(String text) {
            this.text = text;
        }

        /** Case-insensitive. */
        static Flag parse(String value) {
            for (Flag f : values()) {
                if (f.text.equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("must be Enabled, Allowed or Disabled");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code secure-pod-defaults}. */
    public enum SecurePodDefaults {
        /** No secure defaults; the webhook warns about insecure fields. */
        DISABLED("Disabled"),
        /** Secure defaults except {@code runAsNonRoot}. */
        ALLOW_ROOT_BOUNDED("AllowRootBounded"),
        /** All secure defaults including {@code runAsNonRoot: true}. */
        ENABLED("Enabled");

        private final String text;

        SecurePodDefaults(String text) {
            this.text = text;
        }

        static SecurePodDefaults parse(String value) {
            for (SecurePodDefaults f : values()) {
                if (f.text.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("must be Disabled, AllowRootBounded or Enabled");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
