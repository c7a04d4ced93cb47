package io.qnative.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.config.ConfigSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The CPU one AdmissionReview costs the webhook without its transport (bench/README.md, issue 13): bench/webhook.sh's
 * ksvc review parsed, answered ({@code /resource-validation}, or {@code /defaulting} with {@code defaulting} as
 * {@code args[1]}) and serialised, in a loop on one thread, {@code args[0]} seconds (default 10) after a warm-up of
 * as long; prints the thread's CPU time per review, each stage's and the whole, and the bytes it allocated. Run it as the Deployment runs
 * qnative ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}), classpath as {@code GatewayLoad}'s. A figure for the
 * docs, not a test.
 */
public final class AdmissionCost {

    /** bench/webhook.sh's review of ksvc {@code hello}, as the API server sends it after defaulting. */
    static final String KSVC_REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"3f6d1c8e-0000-4000-8000-000000000001",
            "kind":{"group":"serving.knative.dev","version":"v1","kind":"Service"},
            "resource":{"group":"serving.knative.dev","version":"v1","resource":"services"},"namespace":"default","name":"hello",
            "operation":"%s","userInfo":{"username":"alice"},"dryRun":false,
            "object":{"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"hello","namespace":"default",
            "annotations":{"serving.knative.dev/creator":"alice","serving.knative.dev/lastModifier":"alice"}},
            "spec":{"template":{"metadata":{"annotations":{"autoscaling.knative.dev/min-scale":"1","autoscaling.knative.dev/max-scale":"10",
            "autoscaling.knative.dev/target":"100"}},"spec":{"containerConcurrency":0,"timeoutSeconds":300,"enableServiceLinks":false,
            "containers":[{"name":"user-container","image":"gcr.io/knative-samples/helloworld-go","env":[{"name":"TARGET","value":"World"}],
            "ports":[{"containerPort":8080}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"512Mi"}},
            "readinessProbe":{"tcpSocket":{"port":0},"successThreshold":1}}]}},
            "traffic":[{"latestRevision":true,"percent":100}]}}}}""".replace("\n", "");

    private AdmissionCost() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean defaulting = args.length > 1 && "defaulting".equals(args[1]);
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ResourceAdmission admission = new ResourceAdmission(mapper, Kinds.SERVING);
        AdmissionRequest.Parser parser = new AdmissionRequest.Parser(mapper, Kinds.SERVING);
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String op : new String[] {"CREATE", "DELETE"}) {
            byte[] body = KSVC_REVIEW.formatted(op).getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 2; round++) {
                long parse = 0;
                long rules = 0;
                long answer = 0;
                long n = 0;
                long allocated = cpu.getCurrentThreadAllocatedBytes();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                int length = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 100; i++) {
                        long t0 = cpu.getCurrentThreadCpuTime();
                        AdmissionRequest request = parser.parse(body);
                        long t1 = cpu.getCurrentThreadCpuTime();
                        AdmissionResponse response = defaulting ? admission.defaulting(request, ConfigSnapshot.DEFAULT)
                                : admission.validation(request, ConfigSnapshot.DEFAULT);
                        long t2 = cpu.getCurrentThreadCpuTime();
                        length += response.toReviewJson(request).length;
                        long t3 = cpu.getCurrentThreadCpuTime();
                        parse += t1 - t0;
                        rules += t2 - t1;
                        answer += t3 - t2;
                        n++;
                    }
                }
                allocated = cpu.getCurrentThreadAllocatedBytes() - allocated;
                if (round == 1) {
                    System.out.printf("%s %s: %d reviews, parse %.1f us, rules %.1f us, answer %.1f us, total %.1f us"
                            + " (%d answer bytes), %d bytes allocated per review%n", op,
                            defaulting ? "/defaulting" : "/resource-validation", n, parse / 1e3 / n, rules / 1e3 / n,
                            answer / 1e3 / n, (parse + rules + answer) / 1e3 / n, length / n, allocated / n);
                }
            }
        }
    }
}
