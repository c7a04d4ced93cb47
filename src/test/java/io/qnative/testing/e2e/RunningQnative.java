package io.qnative.testing.e2e;

import io.qnative.gateway.Gateway;
import java.nio.file.Path;

/**
 * The qnative of a {@link WithQnative} class: the current {@link QnativeProcess}, which a test may stop
 * ({@link #terminate()}) and start again ({@link #restart(String)}) while the class keeps this one handle.
 */
public final class RunningQnative {

    private final ClusterSession cluster;
    private QnativeProcess process;

    RunningQnative(ClusterSession cluster, QnativeProcess process) {
        this.cluster = cluster;
        this.process = process;
    }

    /** The gateway's listener ports on 127.0.0.1. */
    public Gateway.Ports gatewayPorts() {
        return process.gatewayPorts();
    }

    /** The cluster-local HTTP listener's port. */
    public int internalHttp() {
        return process.gatewayPorts().internalHttp();
    }

    /** The external HTTP listener's port. */
    public int externalHttp() {
        return process.gatewayPorts().externalHttp();
    }

    /** Sends SIGTERM and returns at once (drain tests). */
    public void terminate() {
        process.terminate();
    }

    /** True while the current process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The current process id. */
    public long pid() {
        return process.pid();
    }

    /** The current process's log file. */
    public Path log() {
        return process.log();
    }

    /** Stops the current process (if it still runs) and starts a new one, logging to {@code qnative-<name>.log}. */
    public void restart(String name) throws Exception {
        process.close();
        process = QnativeProcess.start(cluster, name);
    }

    void close() {
        process.close();
    }
}
