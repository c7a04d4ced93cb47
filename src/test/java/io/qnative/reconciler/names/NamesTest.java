package io.qnative.reconciler.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationSpec;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.validation.K8sNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Knative's own {@code kmeta/names_test.go} cases, then each child name. */
class NamesTest {

    static Stream<Arguments> knativeChildNames() {
        return Stream.of(
                Arguments.of("asdf", "-deployment", "asdf-deployment"),
                Arguments.of("f".repeat(63), "-deployment",
                        "ffffffffffffffffffff105d7597f637e83cc711605ac3ea4957-deployment"),
                Arguments.of("f".repeat(63), "-deploy",
                        "ffffffffffffffffffffffff105d7597f637e83cc711605ac3ea4957-deploy"),
                Arguments.of("f".repeat(63), "f".repeat(63),
                        "fffffffffffffffffffffffffffffff0502661254f13c89973cb3a83e0cbec0"),
                Arguments.of("a", "f".repeat(63),
                        "ab5cfd486935decbc0d305799f4ce4414ffffffffffffffffffffffffffffff"),
                Arguments.of("b".repeat(32), "f".repeat(32),
                        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb329c7c81b9ab3ba71aa139066aa5625d"),
                Arguments.of("aaaa", "b---a".repeat(20),
                        "aaaa7a3f7966594e3f0849720eced8212c18b---ab---ab---ab---ab---ab"),
                Arguments.of("a".repeat(17), "a.-.-.-.-.-.-.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "aaaaaaaaaaaaaaaaaa1eb10dc911444f8434af83b7225442da"));
    }

    @ParameterizedTest
    @MethodSource("knativeChildNames")
    void childNameMatchesKmeta(String parent, String suffix, String want) {
        assertThat(K8sNames.childName(parent, suffix)).isEqualTo(want).hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }

    @Test
    void exactlySixtyThreeCharactersIsNotHashed() {
        String parent = "p".repeat(57);
        assertThat(K8sNames.childName(parent, "-00001")).isEqualTo(parent + "-00001").hasSize(63);
        assertThat(K8sNames.childName(parent + "p", "-00001")).hasSize(63).endsWith("-00001")
                .startsWith("p".repeat(25)).isNotEqualTo(parent + "p-00001");
    }

    @Test
    void revisionNamesFromTheConfigurationGeneration() {
        assertThat(Names.revision(configuration("foo", 1, null))).isEqualTo("foo-00001");
        assertThat(Names.revision(configuration("foo", 123456, null))).isEqualTo("foo-123456");
        assertThat(Names.revision(configuration("foo", 4, "foo-byo"))).isEqualTo("foo-byo");
        assertThat(Names.byoRevisionName(configuration("foo", 4, ""))).isNull();
        String longName = "a".repeat(60);
        assertThat(Names.revision(configuration(longName, 2, null)))
                .isEqualTo(K8sNames.childName(longName, "-00002")).hasSize(63).endsWith("-00002");
    }

    @Test
    void revisionChildren() {
        Revision rev = new Revision();
        rev.setMetadata(new ObjectMetaBuilder().withName("foo-00001").build());
        assertThat(Names.deployment(rev)).isEqualTo("foo-00001-deployment");
        assertThat(Names.podAutoscaler(rev)).isEqualTo("foo-00001");
        assertThat(Names.publicService(rev)).isEqualTo("foo-00001");
        assertThat(Names.privateService(rev)).isEqualTo("foo-00001-private");
        assertThat(Names.imageCache(rev, "user-container")).isEqualTo("foo-00001-cache-user-container");

        rev.getMetadata().setName("f".repeat(63));
        assertThat(Names.deployment(rev)).isEqualTo("ffffffffffffffffffff105d7597f637e83cc711605ac3ea4957-deployment");
    }

    @Test
    void routeChildren() {
        Route route = new Route();
        route.setMetadata(new ObjectMetaBuilder().withName("foo").withUid("1-2-3").build());
        assertThat(Names.ingress(route)).isEqualTo("foo");
        assertThat(Names.routeService(route)).isEqualTo("foo");
        assertThat(Names.certificate(route)).isEqualTo("route-1-2-3");
        // adler32("tag") = 42467645
        assertThat(Names.tagCertificate(route, "tag")).isEqualTo("route-1-2-3-42467645");
        assertThat(Names.tagCertificate(route, "")).isEqualTo("route-1-2-3");
    }

    private static Configuration configuration(String name, long generation, String byo) {
        Configuration c = new Configuration();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(generation).build());
        ConfigurationSpec spec = new ConfigurationSpec();
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setMetadata(new ObjectMetaBuilder().withName(byo).build());
        spec.setTemplate(template);
        c.setSpec(spec);
        return c;
    }
}
