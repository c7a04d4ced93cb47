package io.qnative.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cluster's DNS domain, found as Knative finds it: the {@code CLUSTER_DOMAIN} environment variable, else
 * the {@code search} line of {@code /etc/resolv.conf} (the suffix after {@code svc.}), else
 * {@value #DEFAULT}. {@link #resolve} is pure; {@link #detect} reads the environment and the file.
 */
public final class ClusterDomain {

    /** The Kubernetes default. */
    public static final String DEFAULT = "cluster.local";

    private ClusterDomain() {
    }

    /** Reads {@code CLUSTER_DOMAIN} and {@code /etc/resolv.conf} of this process and resolves the domain. */
    public static String detect() {
        String resolvConf = null;
        try {
            resolvConf = Files.readString(Path.of("/etc/resolv.conf"));
        } catch (IOException | RuntimeException e) {
            // no resolv.conf (e.g. not on Linux): fall back to the env variable or the default
        }
        return resolve(System.getenv("CLUSTER_DOMAIN"), resolvConf);
    }

    /**
     * Resolves the domain.
     *
     * @param env the value of {@code CLUSTER_DOMAIN}, may be null
     * @param resolvConf the content of {@code /etc/resolv.conf}, may be null
     */
    public static String resolve(String env, String resolvConf) {
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return fromResolvConf(resolvConf).orElse(DEFAULT);
    }

    /** The domain named by a {@code search ... <ns>.svc.<domain> svc.<domain> <domain>} line. */
    static Optional<String> fromResolvConf(String resolvConf) {
        if (resolvConf == null) {
            return Optional.empty();
        }
        for (String line : resolvConf.lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 2 || !"search".equals(fields[0])) {
                continue;
            }
            for (int i = 1; i < fields.length; i++) {
                if (fields[i].startsWith("svc.") && fields[i].length() > 4) {
                    String domain = fields[i].substring(4);
                    return Optional.of(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
                }
            }
        }
        return Optional.empty();
    }
}
