/**
 * The real-node E2E tier: a cluster whose node is a kubelet with containerd (hack/node), qnative installed in
 * it from {@code kubernetes/} as users install it, and tests of what only real containers show. Test tooling:
 * it must not import the node agent ({@code io.qnative.testing.nodeagent}), whose stand-ins it replaces, nor
 * qnative's own reconcilers; it talks to qnative only through the API server and the gateway, as a user does.
 */
package io.qnative.testing.realnode;
