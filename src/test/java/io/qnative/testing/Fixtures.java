package io.qnative.testing;

import java.time.Instant;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Service;

/**
 * The ksvc {@code foo} in namespace {@code ns} and its children as stored, the inputs of the builder tests
 * ({@code src/test/resources/builders}).
 */
public final class Fixtures {

    /** The time the builder tests build at. */
    public static final Instant NOW = Instant.parse("2026-11-26T23:00:00.500Z");

    private Fixtures() {
    }

    /** The defaulted ksvc {@code foo}. */
    public static Service ksvc() {
        return Manifests.load("/builders/ksvc-foo.yaml", Service.class);
    }

    /** Configuration {@code foo} as stored: uid {@code cfg-uid}, generation 1. */
    public static Configuration configuration() {
        Configuration c = Manifests.load("/builders/configuration-foo.yaml", Configuration.class);
        c.getMetadata().setUid("cfg-uid");
        c.getMetadata().setGeneration(1L);
        return c;
    }

    /** Revision {@code foo-00001} as stored: uid {@code rev-uid}, generation 1. */
    public static Revision revision() {
        Revision r = Manifests.load("/builders/revision-foo-00001.yaml", Revision.class);
        r.getMetadata().setUid("rev-uid");
        r.getMetadata().setGeneration(1L);
        return r;
    }
}
