package io.qnative.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.config.ConfigSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the {@code config-*} ConfigMaps shipped in {@code kubernetes/}, so tests can run against exactly the
 * configuration a fresh install has.
 */
public final class ShippedConfigMaps {

    private static final Path DIR = Path.of("kubernetes");

    private ShippedConfigMaps() {
    }

    /** The shipped ConfigMap {@code name} (e.g. {@code config-network}). */
    public static ConfigMap load(String name) {
        try (InputStream in = Files.newInputStream(DIR.resolve("200-" + name + ".yaml"))) {
            return Serialization.unmarshal(in, ConfigMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped " + name, e);
        }
    }

    /** The snapshot of a fresh install: every shipped map applied to the defaults. */
    public static ConfigSnapshot snapshot() {
        ConfigSnapshot snapshot = ConfigSnapshot.DEFAULT;
        for (String name : ConfigSnapshot.NAMES) {
            snapshot = ConfigSnapshot.apply(snapshot, name, load(name).getData());
        }
        return snapshot;
    }
}
