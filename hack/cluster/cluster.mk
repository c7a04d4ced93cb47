# Local Kubernetes 1.20.2 control plane for `make run` and the *E2E tests (hack/cluster/README.md).
# Included from the main Makefile:  include hack/cluster/cluster.mk
# Variables (environment or make command line): QNATIVE_CLUSTER_DIR (default /tmp/qnative-cluster),
# QNATIVE_K8S_CACHE (default $HOME/.cache/qnative/k8s-1.20.2), QNATIVE_SCHEDULER=1, QNATIVE_*_PORT.
# NODE=kubelet: the cluster gets a real node (containerd + kubelet, hack/node/README.md) instead of the node agent.
NODE ?=
QNATIVE_CLUSTER_UP = $(if $(filter kubelet,$(NODE)),$(QNATIVE_CLUSTER_MK_DIR)/../node/up.sh,$(QNATIVE_CLUSTER_MK_DIR)/up.sh)

QNATIVE_CLUSTER_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
# Including this file must not change the main Makefile's default goal.
QNATIVE_CLUSTER_SAVED_GOAL := $(.DEFAULT_GOAL)

.PHONY: k8s-binaries kubelet-binary cluster-up cluster-down cluster-purge cluster-smoke

## Build (once, then cached) kube-apiserver, kube-controller-manager, kube-scheduler and kubectl 1.20.2.
k8s-binaries:
	@$(QNATIVE_CLUSTER_MK_DIR)/build-k8s.sh

## Build (once, then cached separately) the kubelet 1.20.2 and a static pause for the real node.
kubelet-binary:
	@$(QNATIVE_CLUSTER_MK_DIR)/build-k8s.sh --kubelet

## Start etcd + kube-apiserver + kube-controller-manager (idempotent); prints the export lines. NODE=kubelet adds kube-scheduler, containerd and a kubelet.
cluster-up:
	@$(QNATIVE_CLUSTER_UP)

## Stop every process cluster-up started (harmless when nothing runs).
cluster-down:
	@$(QNATIVE_CLUSTER_MK_DIR)/down.sh

## cluster-down, then delete the cluster directory (QNATIVE_CLUSTER_DIR: state, logs, certificates, kubeconfig).
cluster-purge:
	@$(QNATIVE_CLUSTER_MK_DIR)/down.sh --purge

## cluster-up, then an end-to-end check of the controllers with a hand-made Node and loopback pod IPs.
cluster-smoke: cluster-up
	@$(QNATIVE_CLUSTER_MK_DIR)/smoke-test.sh

.DEFAULT_GOAL := $(QNATIVE_CLUSTER_SAVED_GOAL)
