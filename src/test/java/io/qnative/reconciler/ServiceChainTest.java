package io.qnative.reconciler;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.configuration.resources.Revisions;
import io.qnative.reconciler.names.Names;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.reconciler.revision.resources.Services;
import io.qnative.reconciler.service.resources.Configurations;
import io.qnative.reconciler.service.resources.Routes;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

/**
 * ksvc {@code foo} in {@code ns} through every builder, each output stored (uid, generation) and fed to the next:
 * Configuration {@code foo}, Route {@code foo}, Revision {@code foo-00001}, Deployment {@code foo-00001-deployment},
 * Services {@code foo-00001} and {@code foo-00001-private}, PodAutoscaler {@code foo-00001}.
 */
class ServiceChainTest {

    @Test
    void plainServiceYieldsKnativesObjects() {
        Service ksvc = Fixtures.ksvc();
        Configuration config = Configurations.make(ksvc);
        Route route = Routes.make(ksvc);
        assertSameObject(config, Manifests.load("/builders/configuration-foo.yaml", Configuration.class));
        assertSameObject(route, Manifests.load("/builders/route-foo.yaml", Route.class));

        config.getMetadata().setUid("cfg-uid");
        config.getMetadata().setGeneration(1L);
        Revision rev = Revisions.make(config, Fixtures.NOW);
        assertSameObject(rev, Manifests.load("/builders/revision-foo-00001.yaml", Revision.class));

        rev.getMetadata().setUid("rev-uid");
        Deployment d = Deployments.make(rev, ConfigSnapshot.DEFAULT, DeploymentOptions.forMinor(20));
        d.getMetadata().getLabels().remove(ServingKeys.DEPLOYMENT_HASH);
        assertSameObject(d, Manifests.load("/builders/deployment-foo-00001.yaml", Deployment.class));
        KubernetesList services = Manifests.load("/builders/services-foo-00001.yaml", KubernetesList.class);
        assertSameObject(Services.makePublic(rev), services.getItems().get(0));
        assertSameObject(Services.makePrivate(rev), services.getItems().get(1));
        assertSameObject(PodAutoscalers.make(rev, ConfigSnapshot.DEFAULT, null),
                Manifests.load("/builders/podautoscaler-foo-00001.yaml", PodAutoscaler.class));

        assertThat(new String[] {Names.configuration(ksvc), Names.route(ksvc), Names.revision(config),
            Names.deployment(rev), Names.publicService(rev), Names.privateService(rev), Names.podAutoscaler(rev)})
                .containsExactly("foo", "foo", "foo-00001", "foo-00001-deployment", "foo-00001", "foo-00001-private",
                        "foo-00001");
    }

    @Test
    void byoRevisionNameFlowsFromTheServiceTemplate() {
        Service ksvc = Fixtures.ksvc();
        ksvc.getSpec().getTemplate().getMetadata().setName("foo-first");
        Configuration config = Configurations.make(ksvc);
        config.getMetadata().setUid("cfg-uid");
        config.getMetadata().setGeneration(1L);
        Revision rev = Revisions.make(config, Fixtures.NOW);
        assertThat(rev.getMetadata().getName()).isEqualTo("foo-first");
        rev.getMetadata().setUid("rev-uid");
        assertThat(Deployments.make(rev, ConfigSnapshot.DEFAULT, DeploymentOptions.forMinor(20)).getMetadata()
                .getName()).isEqualTo("foo-first-deployment");
        assertThat(Services.makePrivate(rev).getMetadata().getName()).isEqualTo("foo-first-private");
    }
}
