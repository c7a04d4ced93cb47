package io.qnative.reconciler.revision.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBearerChallengeGivesRealmServiceAndScope() {
        RegistryAuth.Challenge c = RegistryAuth.challenge("Bearer realm=\"https://auth.example/token\","
                + "service=\"registry.example\",scope=\"repository:a/b:pull\"");
        assertThat(c.bearer()).isTrue();
        assertThat(c.params()).containsExactly(Map.entry("realm", "https://auth.example/token"),
                Map.entry("service", "registry.example"), Map.entry("scope", "repository:a/b:pull"));
    }

    @Test
    void aBasicChallengeIsNotBearer() {
        RegistryAuth.Challenge c = RegistryAuth.challenge("Basic realm=\"Registry Realm\"");
        assertThat(c.scheme()).isEqualTo("basic");
        assertThat(c.bearer()).isFalse();
        assertThat(c.params()).containsEntry("realm", "Registry Realm");
    }

    @Test
    void dockerConfigJsonSecretsGiveCredentialsPerRegistryHost() {
        String json = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:secret") + "\"},"
                + "\"127.0.0.1:5000\":{\"username\":\"alice\",\"password\":\"pw\"},\"empty.example\":{}}}";
        Map<String, RegistryAuth.Credentials> creds = RegistryAuth.fromSecret(RegistryAuth.DOCKER_CONFIG_JSON,
                Map.of(".dockerconfigjson", b64(json)));
        assertThat(creds).containsExactly(Map.entry("index.docker.io", new RegistryAuth.Credentials("hub", "secret")),
                Map.entry("127.0.0.1:5000", new RegistryAuth.Credentials("alice", "pw")));
        assertThat(creds.get("127.0.0.1:5000").basic()).isEqualTo("Basic " + b64("alice:pw"));
        assertThat(creds.get("127.0.0.1:5000").toString()).doesNotContain("pw");
    }

    @Test
    void legacyDockercfgSecretsAreRead() {
        String json = "{\"gcr.io\":{\"auth\":\"" + b64("_json_key:k") + "\"}}";
        assertThat(RegistryAuth.fromSecret(RegistryAuth.DOCKER_CFG, Map.of(".dockercfg", b64(json))))
                .containsEntry("gcr.io", new RegistryAuth.Credentials("_json_key", "k"));
    }

    @Test
    void otherSecretsGiveNothingAndGarbageIsAnErrorNamingTheKey() {
        assertThat(RegistryAuth.fromSecret("Opaque", Map.of("token", b64("x")))).isEmpty();
        assertThatThrownBy(() -> RegistryAuth.fromSecret(RegistryAuth.DOCKER_CONFIG_JSON,
                Map.of(".dockerconfigjson", b64("not json")))).hasMessageContaining(".dockerconfigjson");
    }
}
