package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.config.FeaturesConfig.Flag;
import io.qnative.config.FeaturesConfig.SecurePodDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesConfigTest {

    @Test
    void defaultsAreDisabledExceptMultiContainerAndEmptyDir() {
        FeaturesConfig c = FeaturesConfig.parse(Map.of());
        assertThat(c).isEqualTo(FeaturesConfig.DEFAULT);
        assertThat(c.flags()).hasSize(FeaturesConfig.FLAG_KEYS.size());
        c.flags().forEach((key, flag) -> assertThat(flag).as(key).isEqualTo(
                key.equals("multi-container") || key.equals("kubernetes.podspec-volumes-emptydir")
                        ? Flag.ENABLED : Flag.DISABLED));
        assertThat(c.securePodDefaults()).isEqualTo(SecurePodDefaults.DISABLED);
    }

    @Test
    void valuesAreCaseInsensitive() {
        FeaturesConfig c = FeaturesConfig.parse(Map.of("kubernetes.podspec-affinity", "enabled",
                "tag-header-based-routing", "ALLOWED", "multi-container", "Disabled",
                "secure-pod-defaults", "allowrootbounded"));
        assertThat(c.flag("kubernetes.podspec-affinity")).isEqualTo(Flag.ENABLED);
        assertThat(c.allowed("tag-header-based-routing")).isTrue();
        assertThat(c.enabled("tag-header-based-routing")).isFalse();
        assertThat(c.enabled("multi-container")).isFalse();
        assertThat(c.securePodDefaults()).isEqualTo(SecurePodDefaults.ALLOW_ROOT_BOUNDED);
        assertThat(c.flag("not-a-flag")).isEqualTo(Flag.DISABLED);
    }

    @Test
    void unknownValuesAreReported() {
        assertThat(Problems.of(FeaturesConfig::parse, Map.of("kubernetes.podspec-affinity", "on",
                "secure-pod-defaults", "Allowed"))).extracting(ConfigException.Problem::toString)
                .containsExactlyInAnyOrder(
                        "config-features: \"kubernetes.podspec-affinity\" = \"on\": "
                                + "must be Enabled, Allowed or Disabled",
                        "config-features: \"secure-pod-defaults\" = \"Allowed\": "
                                + "must be Disabled, AllowRootBounded or Enabled");
    }
}
