# `make run` (hack/run.sh): qnative against the local cluster, in the foreground; Ctrl-C stops everything
# it started. Included from the main Makefile:  include hack/run.mk
# Variables (environment or make command line): QNATIVE_CLUSTER_DIR, QNATIVE_KEEP_CLUSTER=1 (leave the
# cluster running on exit), QNATIVE_WEBHOOK_PORT (default 9443), QNATIVE_JAVA_OPTS (extra JVM options).

QNATIVE_RUN_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
# Including this file must not change the main Makefile's default goal.
QNATIVE_RUN_SAVED_GOAL := $(.DEFAULT_GOAL)

.PHONY: run node-agent image

## qnative against the local cluster in the foreground (cluster, install, node agent, sample ksvc); Ctrl-C stops all. NODE=kubelet: qnative in-cluster on a real node.
run:
	@$(if $(filter kubelet,$(NODE)),$(QNATIVE_RUN_MK_DIR)/node/run.sh,$(QNATIVE_RUN_MK_DIR)/run.sh)

## The qnative image (jlinked runtime + fast-jar, FROM scratch) and the sample images, without docker; imported into a running real node.
image: build
	@$(QNATIVE_RUN_MK_DIR)/node/build-image.sh qnative samples

## Only the node agent, in the foreground, against a running cluster (make cluster-up first).
node-agent:
	@test -s target/test-classpath.txt || ./mvnw -B -q dependency:build-classpath \
	  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	@test -d target/test-classes || ./mvnw -B -q test-compile
	@java -XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
	  -cp "target/test-classes:$$(cat target/test-classpath.txt)" io.qnative.testing.nodeagent.NodeAgentMain

.DEFAULT_GOAL := $(QNATIVE_RUN_SAVED_GOAL)
