package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.config.FeaturesConfig.Flag;
import io.qnative.config.FeaturesConfig.SecurePodDefaults;

/**
 * Knative's config-features table (pkg/apis/config/features_test.go, TestFeaturesConfiguration) replayed against
 * {@link FeaturesConfig#parse}: each row's data over the defaults, compared with the defaults and the row's flags
 * ({@code defaultWith}). Not replayed: "kubernetes.podspec-dryrun Disabled", a flag of a features.go that gated
 * the dry-run validation callback; the Knative qnative follows has no such flag and runs the callback on every
 * dry-run request (ValidationCallbacks), so the key is ignored (as "features Enabled" shows, which sets it too).
 * TestFeaturesConfigurationFromFile is ShippedConfigMapsTest's "shipped data parses to the defaults".
 */
class FeaturesConfigTableTest {

    private static final Flag E = Flag.ENABLED;
    private static final Flag A = Flag.ALLOWED;
    private static final Flag D = Flag.DISABLED;

    static Stream<Arguments> rows() {
        Map<String, String> allEnabled = new LinkedHashMap<>();
        for (String key : new String[] {"multi-container", "multi-container-probing", "kubernetes.podspec-affinity",
            "kubernetes.podspec-topologyspreadconstraints", "kubernetes.podspec-dryrun",
            "kubernetes.podspec-hostaliases", "kubernetes.podspec-nodeselector", "kubernetes.podspec-runtimeclassname",
            "kubernetes.podspec-securitycontext", "kubernetes.podspec-shareprocessnamespace",
            "kubernetes.podspec-tolerations", "kubernetes.podspec-priorityclassname",
            "kubernetes.podspec-schedulername", "kubernetes.podspec-dnspolicy", "kubernetes.podspec-dnsconfig",
            "secure-pod-defaults", "queueproxy.resource-defaults", "tag-header-based-routing"}) {
            allEnabled.put(key, "Enabled");
        }
        Map<String, Flag> allEnabledFlags = new LinkedHashMap<>();
        allEnabled.keySet().stream().filter(k -> !k.equals("kubernetes.podspec-dryrun")
                && !k.equals("secure-pod-defaults")).forEach(k -> allEnabledFlags.put(k, E));
        return Stream.of(
                Arguments.of("default configuration", Map.of(), Map.of(), SecurePodDefaults.DISABLED),
                Arguments.of("features Enabled", allEnabled, allEnabledFlags, SecurePodDefaults.ENABLED),
                row("multi-container Allowed", "multi-container", A),
                row("multi-container Disabled", "multi-container", D),
                row("multi-container-probing Allowed", "multi-container-probing", A),
                row("multi-container-probing Disabled", "multi-container-probing", D),
                row("kubernetes.podspec-affinity Allowed", "kubernetes.podspec-affinity", A),
                row("kubernetes.podspec-affinity Enabled", "kubernetes.podspec-affinity", E),
                row("kubernetes.podspec-affinity Disabled", "kubernetes.podspec-affinity", D),
                row("kubernetes.podspec-topologyspreadconstraints Allowed",
                        "kubernetes.podspec-topologyspreadconstraints", A),
                row("kubernetes.podspec-topologyspreadconstraints Enabled",
                        "kubernetes.podspec-topologyspreadconstraints", E),
                row("kubernetes.podspec-topologyspreadconstraints Disabled",
                        "kubernetes.podspec-topologyspreadconstraints", D),
                row("kubernetes.podspec-fieldref Allowed", "kubernetes.podspec-fieldref", A),
                row("kubernetes.podspec-fieldref Enabled", "kubernetes.podspec-fieldref", E),
                row("kubernetes.podspec-fieldref Disabled", "kubernetes.podspec-fieldref", D),
                row("kubernetes.podspec-hostaliases Disabled", "kubernetes.podspec-hostaliases", D),
                row("kubernetes.podspec-hostaliases Allowed", "kubernetes.podspec-hostaliases", A),
                row("kubernetes.podspec-hostaliases Enabled", "kubernetes.podspec-hostaliases", E),
                row("kubernetes.podspec-nodeselector Allowed", "kubernetes.podspec-nodeselector", A),
                row("kubernetes.podspec-nodeselector Enabled", "kubernetes.podspec-nodeselector", E),
                row("kubernetes.podspec-nodeselector Disabled", "kubernetes.podspec-nodeselector", D),
                row("kubernetes.podspec-runtimeclassname Allowed", "kubernetes.podspec-runtimeclassname", A),
                row("kubernetes.podspec-runtimeclassname Enabled", "kubernetes.podspec-runtimeclassname", E),
                row("kubernetes.podspec-runtimeclassname Disabled", "kubernetes.podspec-runtimeclassname", D),
                row("kubernetes.podspec-tolerations Allowed", "kubernetes.podspec-tolerations", A),
                row("kubernetes.podspec-tolerations Enabled", "kubernetes.podspec-tolerations", E),
                row("kubernetes.podspec-tolerations Disabled", "kubernetes.podspec-tolerations", D),
                row("security context Allowed", "kubernetes.podspec-securitycontext", A),
                row("security context disabled", "kubernetes.podspec-securitycontext", D),
                row("shared process namespace Allowed", "kubernetes.podspec-shareprocessnamespace", A),
                row("shared process namespace Disabled", "kubernetes.podspec-shareprocessnamespace", D),
                row("kubernetes.containerspec-addcapabilities Disabled", "kubernetes.containerspec-addcapabilities",
                        D),
                row("kubernetes.containerspec-addcapabilities Enabled", "kubernetes.containerspec-addcapabilities", E),
                row("kubernetes.containerspec-addcapabilities Allowed", "kubernetes.containerspec-addcapabilities", A),
                row("tag-header-based-routing Allowed", "tag-header-based-routing", A),
                row("tag-header-based-routing Enabled", "tag-header-based-routing", E),
                row("kubernetes.podspec-volumes-emptyDir Disabled", "kubernetes.podspec-volumes-emptydir", D),
                row("kubernetes.podspec-volumes-emptyDir Enabled", "kubernetes.podspec-volumes-emptydir", E),
                row("kubernetes.podspec-persistent-volume-claim Disabled",
                        "kubernetes.podspec-persistent-volume-claim", D),
                row("kubernetes.podspec-persistent-volume-claim Enabled",
                        "kubernetes.podspec-persistent-volume-claim", E),
                row("kubernetes.podspec-persistent-volume-write Disabled",
                        "kubernetes.podspec-persistent-volume-write", D),
                // Go's name for this row repeats the claim row's: it sets persistent-volume-write
                row("kubernetes.podspec-persistent-volume-claim Enabled",
                        "kubernetes.podspec-persistent-volume-write", E),
                row("kubernetes.podspec-init-containers Disabled", "kubernetes.podspec-init-containers", D),
                row("kubernetes.podspec-init-container Enabled", "kubernetes.podspec-init-containers", E),
                row("kubernetes.podspec-priorityclassname Allowed", "kubernetes.podspec-priorityclassname", A),
                row("kubernetes.podspec-priorityclassname Enabled", "kubernetes.podspec-priorityclassname", E),
                row("kubernetes.podspec-priorityclassname Disabled", "kubernetes.podspec-priorityclassname", D),
                row("kubernetes.podspec-schedulername Allowed", "kubernetes.podspec-schedulername", A),
                row("kubernetes.podspec-schedulername Enabled", "kubernetes.podspec-schedulername", E),
                row("kubernetes.podspec-schedulername Disabled", "kubernetes.podspec-schedulername", D),
                row("kubernetes.podspec-dnspolicy Allowed", "kubernetes.podspec-dnspolicy", A),
                row("kubernetes.podspec-dnspolicy Enabled", "kubernetes.podspec-dnspolicy", E),
                row("kubernetes.podspec-dnspolicy Disabled", "kubernetes.podspec-dnspolicy", D),
                row("kubernetes.podspec-dnsconfig Allowed", "kubernetes.podspec-dnsconfig", A),
                row("kubernetes.podspec-dnsconfig Enabled", "kubernetes.podspec-dnsconfig", E),
                row("kubernetes.podspec-dnsconfig Disabled", "kubernetes.podspec-dnsconfig", D));
    }

    /** A row setting one flag: the data is its value as Knative writes it. */
    private static Arguments row(String name, String key, Flag want) {
        return Arguments.of(name, Map.of(key, want.toString()), Map.of(key, want), SecurePodDefaults.DISABLED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parsesFeatures(String name, Map<String, String> data, Map<String, Flag> flags,
            SecurePodDefaults securePodDefaults) {
        Map<String, Flag> want = new LinkedHashMap<>(FeaturesConfig.DEFAULT.flags());
        want.putAll(flags);
        assertThat(FeaturesConfig.parse(data)).isEqualTo(new FeaturesConfig(want, securePodDefaults));
    }
}
