package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link NodeAgent} as its own process (used by {@code hack/run.sh}) until SIGINT/SIGTERM.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/test-classpath.txt) io.qnative.testing.nodeagent.NodeAgentMain \
 *     [--kubeconfig FILE] [--nodes N]
 * </pre>
 *
 * The kubeconfig defaults to {@code $KUBECONFIG}, then {@code $QNATIVE_CLUSTER_DIR/kubeconfig}
 * ({@code /tmp/qnative-cluster/kubeconfig}); it needs admin rights (nodes, leases, bindings, pod status).
 */
public final class NodeAgentMain {

    private NodeAgentMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            String dir = System.getenv().getOrDefault("QNATIVE_CLUSTER_DIR", "/tmp/qnative-cluster");
            kubeconfig = dir + "/kubeconfig";
        }
        NodeAgentOptions options = NodeAgentOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kubeconfig" -> kubeconfig = args[++i];
                case "--nodes" -> options = options.withNodes(Integer.parseInt(args[++i]));
                case "--no-bind" -> options = options.withBindPods(false);
                default -> {
                    System.err.println("usage: NodeAgentMain [--kubeconfig FILE] [--nodes N] [--no-bind]");
                    System.exit(2);
                }
            }
        }
        logToConsole();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)))).build();
        NodeAgent agent;
        try {
            agent = NodeAgent.start(client, options);
        } catch (RuntimeException e) {
            System.err.println("node agent: ERROR: " + e.getMessage());
            client.close();
            System.exit(1);
            return;
        }
        System.out.println("node agent running: nodes " + agent.nodeNames() + " (kubeconfig " + kubeconfig + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            client.close();
            stopped.countDown();
        }, "node-agent-shutdown"));
        stopped.await();
    }

    /**
     * The test classpath brings JBoss LogManager (the JUL manager here, see hack/run.sh) without a
     * configuration, which would drop every record: log INFO and above to stderr.
     */
    private static void logToConsole() {
        org.jboss.logmanager.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
        org.jboss.logmanager.handlers.ConsoleHandler console = new org.jboss.logmanager.handlers.ConsoleHandler(
                org.jboss.logmanager.handlers.ConsoleHandler.Target.SYSTEM_ERR,
                new org.jboss.logmanager.formatters.PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] %s%e%n"));
        root.addHandler(console);
        root.setLevel(java.util.logging.Level.INFO);
    }
}
