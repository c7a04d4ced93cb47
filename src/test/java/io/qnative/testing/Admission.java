package io.qnative.testing;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.Validatable;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.DefaultsConfig;
import io.qnative.config.FeaturesConfig;

/** Object mothers and contexts for admission tests: objects from YAML text, configs from ConfigMap data. */
public final class Admission {

    /** The user the tests admit as. */
    public static final String USER = "alice@example.com";

    private Admission() {
    }

    /** Parses YAML into the given type, as the webhook decodes (unknown fields kept aside). */
    public static <T> T yaml(Class<T> type, String yaml) {
        try {
            return Examples.YAML.readValue(yaml, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A CREATE with the default config. */
    public static AdmissionContext create() {
        return AdmissionContext.create(ConfigSnapshot.DEFAULT, USER);
    }

    /** A CREATE with the given config. */
    public static AdmissionContext create(ConfigSnapshot config) {
        return AdmissionContext.create(config, USER);
    }

    /** An UPDATE from {@code old} with the default config. */
    public static AdmissionContext update(Object old) {
        return AdmissionContext.update(ConfigSnapshot.DEFAULT, USER, old);
    }

    /** An UPDATE of the status subresource. */
    public static AdmissionContext statusUpdate(Object old) {
        return new AdmissionContext(AdmissionContext.Operation.UPDATE, "status", USER,
                java.util.Optional.of(old), ConfigSnapshot.DEFAULT, false);
    }

    /** The default config with {@code config-features} data. */
    public static ConfigSnapshot features(Map<String, String> data) {
        ConfigSnapshot d = ConfigSnapshot.DEFAULT;
        return new ConfigSnapshot(d.defaults(), d.autoscaler(), d.deployment(), d.domain(),
                FeaturesConfig.parse(data), d.gc(), d.network(), d.observability(), d.legacyTracing(),
                d.certManager());
    }

    /** The default config with {@code config-defaults} data. */
    public static ConfigSnapshot defaults(Map<String, String> data) {
        ConfigSnapshot d = ConfigSnapshot.DEFAULT;
        return new ConfigSnapshot(DefaultsConfig.parse(data), d.autoscaler(), d.deployment(), d.domain(),
                d.features(), d.gc(), d.network(), d.observability(), d.legacyTracing(), d.certManager());
    }

    /** The default config with {@code config-autoscaler} data. */
    public static ConfigSnapshot autoscaler(Map<String, String> data) {
        ConfigSnapshot d = ConfigSnapshot.DEFAULT;
        return new ConfigSnapshot(d.defaults(), AutoscalerConfig.parse(data), d.deployment(), d.domain(),
                d.features(), d.gc(), d.network(), d.observability(), d.legacyTracing(), d.certManager());
    }

    /** The rendered errors of validating {@code obj}, or null. */
    public static String errors(Validatable obj, AdmissionContext ctx) {
        FieldError e = obj.validate(ctx);
        return e == null ? null : e.error();
    }

    /** The rendered warnings of validating {@code obj}. */
    public static java.util.List<String> warnings(Validatable obj, AdmissionContext ctx) {
        FieldError e = obj.validate(ctx);
        return e == null ? java.util.List.of() : e.warnings();
    }
}
