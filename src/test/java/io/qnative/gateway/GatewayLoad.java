package io.qnative.gateway;

import io.qnative.gateway.activator.Activator;
import java.util.Map;

/**
 * The gateway of {@link GatewayHarness} as a process for load tools (bench/gateway-inproc.sh): routes
 * {@code hello.ns.example.com} to one revision whose one pod is the backend on 127.0.0.1:{@code args[0]}, the listeners on
 * {@code args[1]} event loops (default all), prints
 * the cluster-local listener's port and serves until killed.
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
        Thread.currentThread().join();
    }
}
