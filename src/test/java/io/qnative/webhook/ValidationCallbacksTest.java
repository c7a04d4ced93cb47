package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.qnative.config.ConfigSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Knative's dry-run validation callbacks ({@code pkg/webhook/validate_unstructured.go}) over a fake API server. */
class ValidationCallbacksTest {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static final String SERVICE = "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"%s\",\"metadata\":{\"name\":"
            + "\"hello\",\"namespace\":\"ns\"%s},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":"
            + "\"%s\",\"image\":\"registry.example/hello\"}]}}}}";

    /** A fake API server recording the pods it is asked to dry-run create and answering {@code answer}. */
    static final class FakeDryRun implements PodDryRun {
        final List<Pod> pods = new ArrayList<>();
        String answer;
        boolean unreachable;

        @Override
        public String create(Pod pod) throws UnreachableException {
            pods.add(pod);
            if (unreachable) {
                throw new UnreachableException("the API server did not answer within 1000ms", null);
            }
            return answer;
        }
    }

    final FakeDryRun api = new FakeDryRun();
    final ValidationCallbacks callbacks = new ValidationCallbacks(api);

    static AdmissionRequest review(String kind, String operation, boolean dryRun, String labels, String container)
            throws Exception {
        String object = SERVICE.formatted(kind, labels, container);
        String json = ResourceAdmissionTest.review("serving.knative.dev", kind, operation, object,
                "UPDATE".equals(operation) ? object : "null");
        if (dryRun) {
            json = json.replace("\"operation\":", "\"dryRun\":true,\"operation\":");
        }
        return AdmissionRequest.parse(MAPPER, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aDryRunServiceIsDeniedWithTheApiServersErrorInKnativesFormat() throws Exception {
        api.answer = "Pod \"dry-run-validation\" is invalid: spec.containers[0].name: Invalid value: \"_bad\"";
        assertThat(callbacks.check(review("Service", "CREATE", true, "", "_bad"), ConfigSnapshot.DEFAULT))
                .contains("validation callback failed: dry run failed with Pod \"dry-run-validation\" is invalid: "
                        + "spec.containers[0].name: Invalid value: \"_bad\": spec.template");
    }

    @Test
    void theDryRunPodIsTheRevisionsPodSpecInTheObjectsNamespace() throws Exception {
        assertThat(callbacks.check(review("Configuration", "UPDATE", true, "", "app"), ConfigSnapshot.DEFAULT))
                .isEmpty();
        assertThat(api.pods).hasSize(1);
        Pod pod = api.pods.get(0);
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("dry-run-validation");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("app");
            assertThat(c.getImage()).isEqualTo("registry.example/hello");
            assertThat(c.getEnv()).extracting(EnvVar::getName).contains("PORT");
            assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        });
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(300L);
    }

    @Test
    void onlyDryRunCreatesAndUpdatesOfServicesAndConfigurationsAreChecked() throws Exception {
        api.answer = "invalid";
        assertThat(callbacks.check(review("Service", "CREATE", false, "", "_bad"), ConfigSnapshot.DEFAULT)).isEmpty();
        assertThat(callbacks.check(review("Route", "CREATE", true, "", "_bad"), ConfigSnapshot.DEFAULT)).isEmpty();
        assertThat(callbacks.check(review("Service", "DELETE", true, "", "_bad"), ConfigSnapshot.DEFAULT)).isEmpty();
        assertThat(api.pods).isEmpty();
        assertThat(callbacks.check(review("Service", "UPDATE", true, "", "_bad"), ConfigSnapshot.DEFAULT))
                .isPresent();
    }

    @Test
    void aConfigurationOwnedByAServiceIsSkipped() throws Exception {
        api.answer = "invalid";
        assertThat(callbacks.check(review("Configuration", "CREATE", true,
                ",\"labels\":{\"serving.knative.dev/service\":\"hello\"}", "_bad"), ConfigSnapshot.DEFAULT)).isEmpty();
        assertThat(api.pods).isEmpty();
        assertThat(callbacks.check(review("Configuration", "CREATE", true, "", "_bad"), ConfigSnapshot.DEFAULT))
                .isPresent();
    }

    @Test
    void aServerWithoutDryRunSupportAdmitsAsKnativesNonStrictMode() throws Exception {
        api.answer = "admission webhook \"x\" does not support dry run";
        assertThat(callbacks.check(review("Service", "CREATE", true, "", "app"), ConfigSnapshot.DEFAULT)).isEmpty();
    }

    @Test
    void anUnreachableApiServerDeniesWithAClearMessage() throws Exception {
        api.unreachable = true;
        assertThat(callbacks.check(review("Service", "CREATE", true, "", "app"), ConfigSnapshot.DEFAULT))
                .contains("validation callback failed: dry run of the pod spec could not be checked: the API server"
                        + " did not answer within 1000ms: spec.template");
    }
}
