package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnative.config.ConfigSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ResourceAdmissionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;

    private final ResourceAdmission admission = new ResourceAdmission(MAPPER, FakeKind.KINDS);

    static String review(String group, String kind, String operation, String object, String oldObject) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u-1\","
                + "\"kind\":{\"group\":\"" + group + "\",\"version\":\"v1\",\"kind\":\"" + kind + "\"},"
                + "\"namespace\":\"ns\",\"name\":\"x\",\"operation\":\"" + operation + "\","
                + "\"userInfo\":{\"username\":\"alice\"},\"object\":" + object + ",\"oldObject\":" + oldObject + "}}";
    }

    static AdmissionRequest request(String group, String kind, String operation, String object, String old)
            throws MalformedReviewException {
        return AdmissionRequest.parse(MAPPER, review(group, kind, operation, object, old)
                .getBytes(StandardCharsets.UTF_8));
    }

    static final String FAKE = "{\"apiVersion\":\"testing.qnative.io/v1\",\"kind\":\"Fake\",\"metadata\":{\"name\":"
            + "\"%s\",\"namespace\":\"ns\",\"annotations\":{}},\"spec\":{\"template\":{\"spec\":{\"containers\":"
            + "[{\"image\":\"registry.example/app\"}]}}},\"someFutureField\":{\"keep\":true}}";

    @Test
    void defaultingAnswersWithTheTypedDifferenceAsAJsonPatch() throws Exception {
        String object = FAKE.formatted("hello");
        AdmissionResponse response = admission.defaulting(request(FakeKind.GROUP, "Fake", "CREATE", object, "null"),
                CONFIG);
        assertThat(response.allowed()).isTrue();
        JsonNode patch = response.patchJson().orElseThrow();
        // the typed round trip drops the empty annotations map, so the patch adds the whole map: only the effect
        // of the patch is normative (knative.dev/pkg webhook/resourcesemantics)
        assertThat(patch).isEqualTo(MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/metadata/annotations\","
                + "\"value\":{\"serving.knative.dev/creator\":\"alice\"}},{\"op\":\"add\",\"path\":"
                + "\"/metadata/labels\",\"value\":{\"defaulted\":\"300\"}}]"));
        JsonNode patched = JsonPatchTestSupport.apply(MAPPER.readTree(object), patch);
        assertThat(patched.at("/metadata/annotations/serving.knative.dev~1creator").asText()).isEqualTo("alice");
        assertThat(patched.at("/someFutureField/keep").asBoolean()).isTrue();
    }

    @Test
    void defaultingOnUpdateSeesTheOldObject() throws Exception {
        AdmissionResponse response = admission.defaulting(request(FakeKind.GROUP, "Fake", "UPDATE",
                FAKE.formatted("hello"), FAKE.formatted("hello")), CONFIG);
        assertThat(response.patchJson().orElseThrow().toString()).doesNotContain("creator").contains("defaulted");
    }

    @Test
    void theReviewCarriesUidPatchTypeAndBase64Patch() throws Exception {
        AdmissionRequest request = request(FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("hello"), "null");
        ObjectNode review = admission.defaulting(request, CONFIG).toReview(request);
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.at("/response/uid").asText()).isEqualTo("u-1");
        assertThat(review.at("/response/allowed").asBoolean()).isTrue();
        assertThat(review.at("/response/patchType").asText()).isEqualTo("JSONPatch");
        String patch = new String(Base64.getDecoder().decode(review.at("/response/patch").asText()),
                StandardCharsets.UTF_8);
        assertThat(MAPPER.readTree(patch).isArray()).isTrue();
    }

    @Test
    void validationDeniesWithEveryErrorInKnativesFormat() throws Exception {
        AdmissionRequest request = request(FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("bad-warn"), "null");
        AdmissionResponse response = admission.validation(request, CONFIG);
        assertThat(response.allowed()).isFalse();
        assertThat(response.message()).startsWith("validation failed: ")
                .contains("invalid value: bad-warn: metadata.name")
                .contains("missing field(s): spec.template.spec.containers");
        ObjectNode review = response.toReview(request);
        assertThat(review.at("/response/status/code").asInt()).isEqualTo(400);
        assertThat(review.at("/response/status/reason").asText()).isEqualTo("BadRequest");
        assertThat(review.at("/response/status/status").asText()).isEqualTo("Failure");
        assertThat(review.at("/response/status/metadata").isObject()).isTrue();
    }

    @Test
    void validationAllowsWithWarnings() throws Exception {
        AdmissionRequest request = request(FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("warn-me"), "null");
        AdmissionResponse response = admission.validation(request, CONFIG);
        assertThat(response.allowed()).isTrue();
        assertThat(response.warnings()).containsExactly("just a warning: metadata.name");
        assertThat(response.toReview(request).at("/response/warnings/0").asText())
                .isEqualTo("just a warning: metadata.name");
    }

    @Test
    void deleteAndConnectAreAllowedUnchecked() throws Exception {
        for (String op : new String[] {"DELETE", "CONNECT"}) {
            AdmissionRequest request = request(FakeKind.GROUP, "Fake", op, "null", FAKE.formatted("bad"));
            assertThat(admission.validation(request, CONFIG)).isEqualTo(AdmissionResponse.allow());
            assertThat(admission.defaulting(request, CONFIG)).isEqualTo(AdmissionResponse.allow());
        }
    }

    @Test
    void anUnknownKindIsAllowedWithAWarning() throws Exception {
        AdmissionRequest request = request("example.com", "Widget", "CREATE", "{}", "null");
        for (AdmissionResponse response : new AdmissionResponse[] {admission.validation(request, CONFIG),
            admission.defaulting(request, CONFIG)}) {
            assertThat(response.allowed()).isTrue();
            assertThat(response.warnings()).singleElement().asString().contains("example.com/v1, Kind=Widget")
                    .contains("unhandled kind");
        }
    }

    private static final String SERVICE = "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\","
            + "\"metadata\":{\"name\":\"hello\",\"namespace\":\"ns\"},\"spec\":{\"template\":{\"spec\":"
            + "{%s\"containers\":[{\"image\":\"x/y\"}]}}}}";

    @Test
    void aServiceIsDefaultedByItsRulesAndThePatchedServiceValidates() throws Exception {
        ResourceAdmission serving = new ResourceAdmission(MAPPER, Kinds.SERVING);
        AdmissionRequest request = request("serving.knative.dev", "Service", "CREATE", SERVICE.formatted(""), "null");
        AdmissionResponse defaulting = serving.defaulting(request, CONFIG);
        assertThat(defaulting.allowed()).isTrue();
        JsonNode patched = JsonPatchTestSupport.apply(request.object().tree(), defaulting.patchJson().orElseThrow());
        JsonNode template = patched.at("/spec/template/spec");
        assertThat(template.at("/containers/0/name").asText()).isEqualTo("user-container");
        assertThat(template.at("/timeoutSeconds").asInt()).isEqualTo(300);
        assertThat(template.at("/containerConcurrency").asInt()).isZero();
        assertThat(patched.at("/spec/traffic/0/latestRevision").asBoolean()).isTrue();
        assertThat(patched.at("/spec/traffic/0/percent").asInt()).isEqualTo(100);

        AdmissionRequest defaulted = request("serving.knative.dev", "Service", "CREATE", patched.toString(), "null");
        assertThat(serving.validation(defaulted, CONFIG).allowed()).isTrue();
    }

    @Test
    void anInvalidServiceIsDeniedWithEveryErrorAndItsPath() throws Exception {
        ResourceAdmission serving = new ResourceAdmission(MAPPER, Kinds.SERVING);
        String bad = SERVICE.formatted("\"containerConcurrency\":-1,\"timeoutSeconds\":100000,");
        AdmissionResponse response = serving.validation(
                request("serving.knative.dev", "Service", "CREATE", bad, "null"), CONFIG);
        assertThat(response.allowed()).isFalse();
        assertThat(response.message()).startsWith("validation failed: ")
                .contains("spec.template.spec.containerConcurrency").contains("spec.template.spec.timeoutSeconds");
    }

    @Test
    void anUndecodableObjectIsDeniedWithKnativesPrefixes() throws Exception {
        String broken = "{\"metadata\":{\"name\":[1,2]}}";
        AdmissionRequest request = request(FakeKind.GROUP, "Fake", "CREATE", broken, "null");
        assertThat(admission.validation(request, CONFIG).message())
                .startsWith("decoding request failed: cannot decode incoming new object: ");
        assertThat(admission.defaulting(request, CONFIG).message())
                .startsWith("mutation failed: cannot decode incoming new object: ");
        AdmissionRequest missing = request(FakeKind.GROUP, "Fake", "UPDATE", FAKE.formatted("a"), "null");
        assertThat(admission.validation(missing, CONFIG).message())
                .isEqualTo("decoding request failed: the request has no old object");
    }

    @Test
    void objectsBoundWhileTheReviewIsReadGetTheAnswersOfObjectsBoundLater() throws Exception {
        String service = SERVICE.formatted("");
        String[][] cases = {
            {FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("hello"), "null"},
            {FakeKind.GROUP, "Fake", "UPDATE", FAKE.formatted("hello"), FAKE.formatted("hello")},
            {FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("bad-warn"), "null"},
            {FakeKind.GROUP, "Fake", "CREATE", FAKE.formatted("warn-me"), "null"},
            {FakeKind.GROUP, "Fake", "CREATE", "{\"metadata\":{\"name\":[1,2]}}", "null"},
            {FakeKind.GROUP, "Fake", "UPDATE", FAKE.formatted("a"), "null"},
            {FakeKind.GROUP, "Fake", "UPDATE", FAKE.formatted("a"), "{\"spec\":7}"},
            {"serving.knative.dev", "Service", "CREATE", service, "null"},
            {"serving.knative.dev", "Service", "CREATE", SERVICE.formatted("\"containerConcurrency\":-1,"), "null"},
        };
        for (String[] c : cases) {
            byte[] body = review(c[0], c[1], c[2], c[3], c[4]).getBytes(StandardCharsets.UTF_8);
            AdmissionRequest later = AdmissionRequest.parse(MAPPER, body);
            AdmissionRequest bound = new AdmissionRequest.Parser(MAPPER, FakeKind.KINDS).parse(body);
            assertThat(admission.validation(bound, CONFIG)).as("validation of %s", c[3])
                    .isEqualTo(admission.validation(later, CONFIG));
            later = AdmissionRequest.parse(MAPPER, body);
            bound = new AdmissionRequest.Parser(MAPPER, FakeKind.KINDS).parse(body);
            assertThat(admission.defaulting(bound, CONFIG)).as("defaulting of %s", c[3])
                    .isEqualTo(admission.defaulting(later, CONFIG));
        }
    }
}
