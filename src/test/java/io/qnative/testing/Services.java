package io.qnative.testing;

import io.qnative.api.serving.v1.Service;

/** Service object mothers. */
public final class Services {

    private Services() {
    }

    /** A Service as a user writes it: a name, a namespace and an image. */
    public static Service minimal(String name) {
        return Admission.yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                      - image: ghcr.io/knative/helloworld-go:latest
                """.formatted(name));
    }

    /** The Service after defaulting with the default config, as stored (creator {@link Admission#USER}). */
    public static Service defaulted(String name) {
        Service s = minimal(name);
        s.setDefaults(Admission.create());
        return s;
    }

    /** A Service with the given template spec YAML (indented by 6 spaces) and otherwise valid traffic. */
    public static Service withPodSpec(String specYaml) {
        return Admission.yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: svc, namespace: default}
                spec:
                  traffic: [{latestRevision: true, percent: 100}]
                  template:
                    spec:
                %s""".formatted(specYaml.indent(6)));
    }
}
