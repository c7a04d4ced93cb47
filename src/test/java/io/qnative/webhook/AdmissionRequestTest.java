package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.api.serving.v1.Service;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AdmissionRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"42",
             "kind":{"group":"serving.knative.dev","version":"v1","kind":"Service"},
             "resource":{"group":"serving.knative.dev","version":"v1","resource":"services"},
             "subResource":"status","namespace":"ns","name":"hello","operation":"UPDATE",
             "userInfo":{"username":"alice","groups":["system:authenticated"]},
             "object":{"metadata":{"name":"hello"}},"oldObject":{"metadata":{"name":"hello"}},"dryRun":true,
             "options":{"apiVersion":"meta.k8s.io/v1","kind":"UpdateOptions"}}}""";

    @Test
    void decodesTheFieldsTheWebhookUses() throws Exception {
        AdmissionRequest r = AdmissionRequest.parse(MAPPER, REVIEW.getBytes(StandardCharsets.UTF_8));
        assertThat(r.uid()).isEqualTo("42");
        assertThat(r.gvk()).isEqualTo("serving.knative.dev/v1, Kind=Service");
        assertThat(r.subResource()).isEqualTo("status");
        assertThat(r.namespace()).isEqualTo("ns");
        assertThat(r.name()).isEqualTo("hello");
        assertThat(r.operation()).isEqualTo("UPDATE");
        assertThat(r.username()).isEqualTo("alice");
        assertThat(r.object().tree().path("metadata").path("name").asText()).isEqualTo("hello");
        assertThat(r.oldObject().tree().isObject()).isTrue();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.isCreateOrUpdate()).isTrue();
    }

    @Test
    void aDeleteHasNoObject() throws Exception {
        AdmissionRequest r = AdmissionRequest.parse(MAPPER, ("{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"kind\":{\"group\":\"\",\"version\":\"v1\","
                + "\"kind\":\"ConfigMap\"},\"operation\":\"DELETE\",\"object\":null}}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.object().isPresent()).isFalse();
        assertThat(r.object().tree().isMissingNode()).isTrue();
        assertThat(r.isCreateOrUpdate()).isFalse();
        assertThat(r.gvk()).isEqualTo("v1, Kind=ConfigMap");
    }

    static final String KSVC = "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\",\"metadata\":"
            + "{\"name\":\"hello\",\"namespace\":\"ns\"},\"spec\":{\"template\":{\"spec\":{\"containers\":"
            + "[{\"image\":\"x/y\"}]}}}}";

    static String ksvcReview(String operation, String object, boolean objectFirst) {
        String fields = "\"uid\":\"u\",\"kind\":{\"group\":\"serving.knative.dev\",\"version\":\"v1\","
                + "\"kind\":\"Service\"},\"operation\":\"" + operation + "\"";
        String objects = "\"object\":" + object + ",\"oldObject\":" + ("UPDATE".equals(operation) ? object : "null");
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + (objectFirst ? objects + "," + fields : fields + "," + objects) + "}}";
    }

    private static AdmissionRequest parse(String json, Kinds kinds) throws MalformedReviewException {
        return new AdmissionRequest.Parser(MAPPER, kinds).parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"CREATE, false", "CREATE, true", "UPDATE, false", "UPDATE, true"})
    void anObjectOfAKnownKindIsBoundToItsTypeWhereverTheKindIs(String operation, boolean objectFirst)
            throws Exception {
        String json = ksvcReview(operation, KSVC, objectFirst);
        for (AdmissionRequest r : new AdmissionRequest[] {parse(json, Kinds.SERVING), parse(json, null)}) {
            Service service = r.object().as(Service.class);
            assertThat(service.getMetadata().getName()).isEqualTo("hello");
            assertThat(service.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                    .satisfies(c -> assertThat(c.getImage()).isEqualTo("x/y"));
            assertThat(r.oldObject().isPresent()).isEqualTo("UPDATE".equals(operation));
            assertThat(r.gvk()).isEqualTo("serving.knative.dev/v1, Kind=Service");
        }
        // bound while read when the kind came first (the API server's order): no tokens kept for a tree
        AdmissionRequest bound = parse(json, Kinds.SERVING);
        if (objectFirst) {
            assertThat(bound.object().tree().at("/metadata/name").asText()).isEqualTo("hello");
        } else {
            assertThatThrownBy(() -> bound.object().tree()).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void anObjectItsTypeRefusesIsAnUndecodableObjectNotAMalformedReview(boolean objectFirst) throws Exception {
        String json = ksvcReview("CREATE", "{\"metadata\":{\"name\":[1,2]}}", objectFirst);
        for (Kinds kinds : new Kinds[] {Kinds.SERVING, null}) {
            AdmissionRequest r = parse(json, kinds);
            assertThat(r.uid()).isEqualTo("u");
            assertThat(r.object().isPresent()).isTrue();
            assertThatThrownBy(() -> r.object().as(Service.class)).isInstanceOf(ReviewObject.Undecodable.class)
                    .hasMessageContaining("String").hasMessageContaining("START_ARRAY");
        }
    }

    @Test
    void aSyntaxErrorAfterABoundObjectIsStillABodyThatIsNotJson() {
        String json = ksvcReview("CREATE", KSVC, false).replace("\"oldObject\":null}}",
                "\"oldObject\":null,\"dryRun\":tru}}");
        assertThat(json).contains("tru}}");
        for (Kinds kinds : new Kinds[] {Kinds.SERVING, null}) {
            assertThatThrownBy(() -> parse(json, kinds)).isInstanceOf(MalformedReviewException.class)
                    .hasMessageStartingWith("malformed AdmissionReview: the body is not JSON: ");
        }
        String inObject = ksvcReview("CREATE", KSVC.replace("\"x/y\"", "\"x/y\" 7"), false);
        assertThatThrownBy(() -> parse(inObject, Kinds.SERVING)).isInstanceOf(MalformedReviewException.class)
                .hasMessageStartingWith("malformed AdmissionReview: the body is not JSON: ");
    }

    @ParameterizedTest
    @CsvSource({"DELETE, false", "DELETE, true", "CONNECT, false"})
    void theObjectsOfOtherOperationsAreNotKept(String operation, boolean objectFirst) throws Exception {
        String json = ksvcReview(operation, KSVC, objectFirst).replace("\"oldObject\":null", "\"oldObject\":" + KSVC);
        AdmissionRequest r = parse(json, Kinds.SERVING);
        assertThat(r.object().isPresent()).isFalse();
        assertThat(r.oldObject().isPresent()).isFalse();
        assertThat(r.operation()).isEqualTo(operation);
    }

    @Test
    void scalarFieldsReadAsATreeWouldReadThem() throws Exception {
        String json = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + "\"uid\":\"1\",\"kind\":{\"version\":\"v1\",\"kind\":\"ConfigMap\",\"group\":7},"
                + "\"operation\":\"CREATE\",\"userInfo\":{\"groups\":[\"a\"],\"username\":\"bob\"},"
                + "\"namespace\":{\"x\":1},\"dryRun\":\"true\",\"object\":\"not an object\"}}";
        AdmissionRequest r = parse(json, Kinds.SERVING);
        assertThat(r.group()).isEmpty();
        assertThat(r.namespace()).isEmpty();
        assertThat(r.username()).isEqualTo("bob");
        assertThat(r.dryRun()).isTrue();
        assertThat(r.object().isPresent()).isFalse();
        assertThat(parse(json.replace("\"true\"", "0"), null).dryRun()).isFalse();
        assertThat(parse(json.replace("\"true\"", "1"), null).dryRun()).isTrue();
        assertThatThrownBy(() -> parse("{\"apiVersion\":7,\"kind\":null}", null))
                .hasMessageContaining("got apiVersion \"7\" and kind \"\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|the body is not JSON",
        "[1,2]|not a JSON object",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}|expected apiVersion admission.k8s.io/v1",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}|no request",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}|request.uid is missing",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":7}}|request.uid",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\"}}|operation",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\","
                + "\"operation\":\"CREATE\",\"kind\":\"Service\"}}|request.kind",
        "{\"apiVersion\":\"admission.k8s.io/v1\"|the body is not JSON",
        "''|not a JSON object",
        "[1,2|the body is not JSON",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":\"x\"}|no request",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\","
                + "\"operation\":\"CREATE\",\"kind\":{\"kind\":\"Service\"}}}|request.kind"})
    void malformedReviewsAreRefusedWithAClearMessage(String body, String phrase) {
        for (Kinds kinds : new Kinds[] {null, Kinds.SERVING}) {
            assertThatThrownBy(() -> parse(body, kinds)).isInstanceOf(MalformedReviewException.class)
                    .hasMessageStartingWith("malformed AdmissionReview: ").hasMessageContaining(phrase);
        }
    }
}
