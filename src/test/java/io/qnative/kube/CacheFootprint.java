package io.qnative.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qnative.api.serving.v1.Route;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Heap per cached object, a plain informer store against {@link SlimItemStore}, in one JVM from the same JSON (a
 * Deployment and a Route as the API server answers them for a ksvc of {@code bench/ksvc-scale.sh}): used heap after
 * full collections with N objects stored minus before, ÷ N, two rounds (the first pays for class loading). Run
 * with the Deployment's collector and compiler: {@code java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp
 * target/test-classes:target/classes:<test classpath> io.qnative.kube.CacheFootprint [N=2000]}.
 */
public final class CacheFootprint {
    static final KubernetesSerialization JSON = new KubernetesSerialization();
    private CacheFootprint() {
    }

    static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String dep(int i) { return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ksvc-%1$d-00001-deployment","namespace":"bench-x","uid":"0f3c%1$08d-1111-2222-3333-444455556666","resourceVersion":"%2$d","generation":2,"creationTimestamp":"2026-12-07T03:56:12Z",
          "labels":{"app":"ksvc-%1$d-00001","serving.knative.dev/configuration":"ksvc-%1$d","serving.knative.dev/configurationGeneration":"1","serving.knative.dev/configurationUID":"a%1$08d-1111","serving.knative.dev/revision":"ksvc-%1$d-00001","serving.knative.dev/revisionUID":"b%1$08d-2222","serving.knative.dev/service":"ksvc-%1$d","serving.knative.dev/serviceUID":"c%1$08d-3333","serving.knative.dev/deployment-hash":"h%1$d"},
          "annotations":{"deployment.kubernetes.io/revision":"1","serving.knative.dev/creator":"system:serviceaccount:knative-serving:controller"},
          "ownerReferences":[{"apiVersion":"serving.knative.dev/v1","kind":"Revision","name":"ksvc-%1$d-00001","uid":"b%1$08d-2222","controller":true,"blockOwnerDeletion":true}],
          "managedFields":[{"manager":"java","operation":"Update","apiVersion":"apps/v1","time":"2026-12-07T03:56:12Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
          "spec":{"replicas":0,"selector":{"matchLabels":{"serving.knative.dev/revisionUID":"b%1$08d-2222"}},"progressDeadlineSeconds":600,"revisionHistoryLimit":10,
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%%","maxUnavailable":0}},
            "template":{"metadata":{"labels":{"app":"ksvc-%1$d-00001","serving.knative.dev/revision":"ksvc-%1$d-00001","serving.knative.dev/revisionUID":"b%1$08d-2222","serving.knative.dev/service":"ksvc-%1$d"},"annotations":{"serving.knative.dev/creator":"system:admin"}},
              "spec":{"containers":[{"name":"user-container","image":"gcr.io/knative-samples/helloworld-go","ports":[{"name":"user-port","containerPort":8080,"protocol":"TCP"}],
                "env":[{"name":"PORT","value":"8080"},{"name":"K_REVISION","value":"ksvc-%1$d-00001"},{"name":"K_CONFIGURATION","value":"ksvc-%1$d"},{"name":"K_SERVICE","value":"ksvc-%1$d"}],
                "readinessProbe":{"tcpSocket":{"port":8080},"successThreshold":1,"timeoutSeconds":1,"periodSeconds":10,"failureThreshold":3},
                "resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"FallbackToLogsOnError","imagePullPolicy":"IfNotPresent"}],
                "enableServiceLinks":false,"terminationGracePeriodSeconds":300,"restartPolicy":"Always","dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler","securityContext":{}}}},
          "status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"readyReplicas":1,"availableReplicas":1,
            "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-12-07T03:56:14Z","lastTransitionTime":"2026-12-07T03:56:14Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."},
              {"type":"Progressing","status":"True","lastUpdateTime":"2026-12-07T03:56:14Z","lastTransitionTime":"2026-12-07T03:56:12Z","reason":"NewReplicaSetAvailable","message":"ReplicaSet \\"ksvc-%1$d-00001-deployment-ff55d497f\\" has successfully progressed."}]}}
        """.formatted(i, 1000 + i); }
    static String route(int i) { return """
        {"apiVersion":"serving.knative.dev/v1","kind":"Route","metadata":{"name":"ksvc-%1$d","namespace":"bench-x","uid":"d%1$08d-4444","resourceVersion":"%2$d","generation":1,"creationTimestamp":"2026-12-07T03:56:10Z",
          "labels":{"serving.knative.dev/service":"ksvc-%1$d"},"annotations":{"serving.knative.dev/creator":"system:admin","serving.knative.dev/lastModifier":"system:admin"},
          "finalizers":["routes.serving.knative.dev"],
          "ownerReferences":[{"apiVersion":"serving.knative.dev/v1","kind":"Service","name":"ksvc-%1$d","uid":"c%1$08d-3333","controller":true,"blockOwnerDeletion":true}]},
          "spec":{"traffic":[{"configurationName":"ksvc-%1$d","latestRevision":true,"percent":100}]},
          "status":{"observedGeneration":1,"url":"http://ksvc-%1$d.bench-x.example.com","address":{"url":"http://ksvc-%1$d.bench-x.svc.cluster.local"},
            "traffic":[{"revisionName":"ksvc-%1$d-00001","latestRevision":true,"percent":100}],
            "conditions":[{"type":"AllTrafficAssigned","status":"True","lastTransitionTime":"2026-12-07T03:56:15Z"},{"type":"CertificateProvisioned","status":"True","severity":"Info","reason":"TLSNotEnabled","lastTransitionTime":"2026-12-07T03:56:15Z"},
              {"type":"IngressReady","status":"True","lastTransitionTime":"2026-12-07T03:56:16Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-12-07T03:56:16Z"}]}}
        """.formatted(i, 5000 + i); }

    static <T extends HasMetadata> double perObject(Class<T> type, IntFunction<String> json, boolean slim, int n,
            Consumer<? super T> trim) {
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = json.apply(i);
        }
        long before = used();
        BasicItemStore<T> store = slim ? new SlimItemStore<>(trim) : new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
        for (int i = 0; i < n; i++) {
            T obj = JSON.unmarshal(texts[i], type);
            store.put(Cache.metaNamespaceKeyFunc(obj), obj);
        }
        long after = used();
        if (store.size() != n) {
            throw new IllegalStateException("stored " + store.size() + " of " + n);
        }
        return (after - before) / (double) n;
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a.length > 0 ? a[0] : "2000");
        Consumer<Deployment> depTrim = d -> d.getSpec().getTemplate().setSpec(null);
        for (int round = 0; round < 2; round++) {
            System.out.printf("round %d, %d objects each: Deployment plain %.0f B, slim %.0f B, slim without its pod"
                    + " template's spec %.0f B; Route plain %.0f B, slim %.0f B%n", round, n,
                    perObject(Deployment.class, CacheFootprint::dep, false, n, x -> { }),
                    perObject(Deployment.class, CacheFootprint::dep, true, n, x -> { }),
                    perObject(Deployment.class, CacheFootprint::dep, true, n, depTrim),
                    perObject(Route.class, CacheFootprint::route, false, n, x -> { }),
                    perObject(Route.class, CacheFootprint::route, true, n, x -> { }));
        }
    }
}
