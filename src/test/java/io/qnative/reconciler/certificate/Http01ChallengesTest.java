package io.qnative.reconciler.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.api.certmanager.v1.ClusterIssuer;
import io.qnative.api.certmanager.v1.IssuerSpec;
import io.qnative.testing.SchemaWalker;
import io.qnative.testing.table.Literals;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** cert-manager's solver label hash, Knative's first-solver rule, and the test CRDs the table's objects fit. */
class Http01ChallengesTest {

    @Test
    void theDomainLabelIsTheAdler32OfTheNameInDecimalAsCertManagerComputesIt() {
        // values of Go's hash/adler32.Checksum, as cert-manager's pkg/issuer/acme/http/pod.go formats them
        assertThat(Http01Challenges.domainHash("hello.default.example.com")).isEqualTo("2116553135");
        assertThat(Http01Challenges.domainHash("example.com")).isEqualTo("446694490");
        assertThat(Http01Challenges.domainHash("*.example.com")).isEqualTo("518784178");
    }

    @Test
    void onlyAFirstSolverOfHttp01MakesAnIssuerHttp01() {
        assertThat(spec("{acme: {solvers: [{http01: {ingress: {}}}]}}").isHttp01()).isTrue();
        assertThat(spec("{acme: {solvers: [{dns01: {}}, {http01: {ingress: {}}}]}}").isHttp01()).isFalse();
        assertThat(spec("{acme: {solvers: []}}").isHttp01()).isFalse();
        assertThat(spec("{selfSigned: {}}").isHttp01()).isFalse();
    }

    @Test
    void theTablesIssuersAndChallengesFitTheirTestCrdsAndKeepWhatTheyRead() throws Exception {
        check("/certmanager/clusterissuers.cert-manager.io.yaml", CertificateTableTest.http01Issuer("ClusterIssuer"));
        check("/certmanager/clusterissuers.cert-manager.io.yaml", CertificateTableTest.dns01Issuer());
        check("/certmanager/issuers.cert-manager.io.yaml", CertificateTableTest.http01Issuer("Issuer"));
        check("/certmanager/challenges.acme.cert-manager.io.yaml",
                CertificateTableTest.challenge("route-abc-1-2345-6789", "tok-abc"));

        JsonNode issuer = tree(CertificateTableTest.http01Issuer("ClusterIssuer"));
        assertThat(issuer.path("spec").path("acme").path("solvers").get(0).path("http01").path("ingress")
                .path("class").asText()).isEqualTo("kourier.ingress.networking.knative.dev");
        assertThat(issuer.path("spec").path("acme").path("server").asText()).isEqualTo("https://acme.invalid/directory");
        JsonNode challenge = tree(CertificateTableTest.challenge("c", "tok-abc"));
        assertThat(challenge.path("spec").path("token").asText()).isEqualTo("tok-abc");
        assertThat(challenge.path("spec").path("key").asText()).isEqualTo("tok-abc.thumbprint");
    }

    private static void check(String crdPath, HasMetadata obj) throws Exception {
        JsonNode crd;
        try (InputStream in = Http01ChallengesTest.class.getResourceAsStream(crdPath)) {
            crd = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo(obj.getKind());
        assertThat(crd.path("spec").path("group").asText() + "/v1").isEqualTo(obj.getApiVersion());
        JsonNode schema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        assertThat(SchemaWalker.structuralErrors(schema)).as(crdPath).isEmpty();
        SchemaWalker.Result r = SchemaWalker.validate(schema, tree(obj));
        assertThat(r.typeErrors()).as(crdPath).isEmpty();
        assertThat(r.pruned()).as(crdPath).isEmpty();
    }

    private static IssuerSpec spec(String yaml) {
        return Literals.object(yaml, IssuerSpec.class);
    }

    private static JsonNode tree(Object o) {
        return Serialization.jsonMapper().valueToTree(o);
    }
}
