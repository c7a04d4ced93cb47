package io.qnative.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.config.ConfigSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU one AdmissionReview costs the webhook without its transport (bench/README.md, issue 13): bench/webhook.sh's
 * ksvc review parsed, answered ({@code /resource-validation}, or {@code /defaulting} with {@code defaulting} as
 * {@code args[1]}) and serialised, in a loop on one thread, {@code args[0]} seconds (default 10) after a warm-up of
 * as long; prints the thread's CPU time per review, each stage's and the whole, and the bytes it allocated. Run it as the Deployment runs
 * qnative ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}), classpath as {@code GatewayLoad}'s, from the repository's root (it
 * reads {@code bench/ksvc-review.json}). A figure for the
 * docs, not a test.
 */
public final class AdmissionCost {

    /** bench/webhook.sh's review of ksvc {@code hello}, as the API server sends it after defaulting. */
    static final Path KSVC_REVIEW = Path.of("bench", "ksvc-review.json");

    private AdmissionCost() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean defaulting = args.length > 1 && "defaulting".equals(args[1]);
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ResourceAdmission admission = new ResourceAdmission(mapper, Kinds.SERVING);
        AdmissionRequest.Parser parser = new AdmissionRequest.Parser(mapper, Kinds.SERVING);
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String review = Files.readString(KSVC_REVIEW).replace("\n", "");
        for (String op : new String[] {"CREATE", "DELETE"}) {
            byte[] body = review.replace("\"OPERATION\"", "\"" + op + "\"").getBytes(StandardCharsets.UTF_8);
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
