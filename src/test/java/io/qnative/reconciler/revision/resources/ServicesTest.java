package io.qnative.reconciler.revision.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.qnative.gateway.Gateway;
import io.qnative.api.serving.v1.Revision;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void publicAndPrivateOfAPlainRevision() {
        KubernetesList expected = Manifests.load("/builders/services-foo-00001.yaml", KubernetesList.class);
        assertSameObject(Services.makePublic(Fixtures.revision()), expected.getItems().get(0));
        assertSameObject(Services.makePrivate(Fixtures.revision()), expected.getItems().get(1));
    }

    @Test
    void h2cNamesThePortsHttp2AndThePublicOneIs81() {
        Revision rev = Fixtures.revision();
        rev.getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder().withName("h2c")
                .withContainerPort(9000).build()));
        ServicePort pub = Services.makePublic(rev, new Gateway.Ports(8080, 8443, 8012, 8112)).getSpec().getPorts().get(0);
        assertThat(pub.getName()).isEqualTo("http2");
        assertThat(pub.getPort()).isEqualTo(81);
        assertThat(pub.getTargetPort()).isEqualTo(new IntOrString(8012));
        Service priv = Services.makePrivate(rev);
        assertThat(priv.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http2");
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString(9000));
        });
    }

    @Test
    void publicHasNoSelector() {
        assertThat(Services.makePublic(Fixtures.revision()).getSpec().getSelector()).isNullOrEmpty();
    }
}
