package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvTest {

    @Test
    void resolvesValuesFieldRefsKeyRefsEnvFromAndExpansion() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withNewSpec().endSpec().build();
        Container c = new ContainerBuilder().withName("c")
                .addNewEnvFrom().withNewConfigMapRef().withName("cm").endConfigMapRef().withPrefix("CM_").endEnvFrom()
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewEnv().withName("URL").withValue("http://$(POD_IP):$(PORT)/$$(LITERAL)$(MISSING)").endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("s")
                .withKey("pw").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("GONE").withNewValueFrom().withNewSecretKeyRef().withName("missing")
                .withKey("x").endSecretKeyRef().endValueFrom().endEnv()
                .build();
        ContainerEnv.Lookup lookup = (kind, ns, name) -> switch (kind + "/" + ns + "/" + name) {
            case "ConfigMap/ns/cm" -> Map.of("A", "1");
            case "Secret/ns/s" -> Map.of("pw", "hunter2");
            default -> null;
        };

        Map<String, String> env = ContainerEnv.resolve(pod, c, "127.0.1.4", "node-1", lookup);

        assertThat(env).containsExactly(Map.entry("CM_A", "1"), Map.entry("PORT", "8080"),
                Map.entry("URL", "http://$(POD_IP):8080/$(LITERAL)$(MISSING)"), Map.entry("POD", "p"),
                Map.entry("POD_IP", "127.0.1.4"), Map.entry("PASSWORD", "hunter2"));
    }
}
