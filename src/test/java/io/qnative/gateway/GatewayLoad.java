package io.qnative.gateway;

import io.qnative.gateway.activator.Activator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The gateway of {@link GatewayHarness} as a process for load tools (bench/gateway-inproc.sh, bench/gateway-cpu.sh):
 * routes {@code hello.ns.example.com} to one revision whose one pod is the backend on 127.0.0.1:{@code args[0]}, the
 * listeners on {@code args[1]} event loops (default all), prints the cluster-local listener's port and serves until
 * killed. Each line {@code stats} read on its standard input prints {@code stats <cpu-ns> <allocated-bytes>
 * <event-loop-cpu-ns>}: the process's CPU time (user + system, every thread, the JIT compilers' and GC's included),
 * the bytes allocated so far by its live threads and the CPU time of its Vert.x event loops (where requests are
 * served), so a load tool can take the CPU and allocation per request over a run.
 */
public final class GatewayLoad {

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int backend = Integer.parseInt(args[0]);
        GatewayHarness gw = new GatewayHarness(Activator.Settings.DEFAULT,
                args.length > 1 ? Integer.parseInt(args[1]) : 0);
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", backend);
        gw.route("hello", "hello.ns.example.com", Map.of(), "hello-00001", 100);
        gw.awaitHealthy("hello-00001", 1);
        System.out.println("port " + gw.port());
        Thread stats = new Thread(GatewayLoad::answerStats, "gateway-load-stats");
        stats.setDaemon(true);
        stats.start();
        Thread.currentThread().join();
    }

    /** Answers each {@code stats} line of standard input until it closes. */
    private static void answerStats() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!"stats".equals(line.trim())) {
                    continue;
                }
                long[] ids = threads.getAllThreadIds();
                long allocated = 0;
                for (long bytes : threads.getThreadAllocatedBytes(ids)) {
                    allocated += Math.max(0, bytes);
                }
                long loops = 0;
                for (var info : threads.getThreadInfo(ids)) {
                    if (info != null && info.getThreadName().startsWith("vert.x-eventloop-thread")) {
                        loops += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                    }
                }
                System.out.println("stats " + os.getProcessCpuTime() + " " + allocated + " " + loops);
            }
        } catch (java.io.IOException e) {
            // standard input closed or broken: no more stats
        }
    }
}
