/**
 * A stand-in for kubelets on the local test cluster, in the spirit of the KWOK project: {@link
 * io.qnative.testing.nodeagent.NodeAgent} registers Ready nodes, binds pending pods and "runs" every
 * container as an in-process HTTP server on the pod's own loopback address, chosen by image name from
 * {@link io.qnative.testing.nodeagent.SampleImages}. Test and dev tooling only: none of this is part of
 * the qnative binary.
 */
package io.qnative.testing.nodeagent;
