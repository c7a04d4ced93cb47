package io.qnative.reconciler.revision.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void dockerHubNamesAreNormalizedAsDockerDoes() {
        assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("index.docker.io", "library/busybox", "latest",
                null));
        assertThat(ImageRef.parse("docker.io/knative/app:v2")).isEqualTo(new ImageRef("index.docker.io",
                "knative/app", "v2", null));
    }

    @Test
    void aFirstPartWithADotPortOrLocalhostIsTheRegistry() {
        assertThat(ImageRef.parse("gcr.io/knative-samples/helloworld-go")).isEqualTo(new ImageRef("gcr.io",
                "knative-samples/helloworld-go", "latest", null));
        assertThat(ImageRef.parse("127.0.0.1:5000/a/b:1.0")).isEqualTo(new ImageRef("127.0.0.1:5000", "a/b", "1.0",
                null));
        assertThat(ImageRef.parse("localhost/app")).isEqualTo(new ImageRef("localhost", "app", "latest", null));
    }

    @Test
    void aDigestIsKeptAndWinsOverTheTag() {
        ImageRef ref = ImageRef.parse("ghcr.io/x/y:1@" + DIGEST);
        assertThat(ref.hasDigest()).isTrue();
        assertThat(ref.manifestReference()).isEqualTo(DIGEST);
        assertThat(ImageRef.parse("ghcr.io/x/y:1").manifestReference()).isEqualTo("1");
    }

    @Test
    void loopbackAndLocalRegistriesAreSpokenToOverPlainHttp() {
        assertThat(ImageRef.parse("127.0.0.1:5000/a").baseUrl()).isEqualTo("http://127.0.0.1:5000");
        assertThat(ImageRef.parse("localhost:5000/a").baseUrl()).isEqualTo("http://localhost:5000");
        assertThat(ImageRef.parse("kind.local/a").baseUrl()).isEqualTo("http://kind.local");
        assertThat(ImageRef.parse("gcr.io/a").baseUrl()).isEqualTo("https://gcr.io");
    }

    @Test
    void theResolvedImageNamesRegistryRepositoryAndDigest() {
        assertThat(ImageRef.parse("app:v1").withDigest(DIGEST)).isEqualTo("index.docker.io/library/app@" + DIGEST);
    }

    @Test
    void invalidReferencesAreRefusedNamingTheImage() {
        assertThatThrownBy(() -> ImageRef.parse("Upper/Case")).hasMessageContaining("\"Upper/Case\"");
        assertThatThrownBy(() -> ImageRef.parse("a@sha256:short")).hasMessageContaining("invalid digest");
        assertThatThrownBy(() -> ImageRef.parse("a:bad tag")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> ImageRef.parse("")).hasMessageContaining("invalid image reference");
    }
}
