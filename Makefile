# qnative: Knative Serving in one Quarkus binary. `make help` lists the targets.
# The README's two commands: `make run` (qnative against a local real cluster) and `make test` (every tier).

MVNW := ./mvnw -B

.DEFAULT_GOAL := help
.PHONY: help build test unit manifests native clean

## Show the targets.
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-z0-9-]*:/{if (doc) printf "  %-16s %s\n", substr($$1,1,length($$1)-1), doc; doc=""}' $(MAKEFILE_LIST)

## Build the fast-jar at target/quarkus-app (no tests).
build:
	$(MVNW) package -DskipTests

## Run every test tier: *Test (unit), *IT (mock API server, @QuarkusTest), *E2E (real local cluster, built on first use).
test:
	$(MVNW) verify

## Run the unit tier only (fast).
unit:
	$(MVNW) test

## Regenerate the CRDs in kubernetes/ from the Java API types (a test fails while they differ).
manifests:
	hack/gen-crds.sh

## Build a native executable; needs GraalVM/Mandrel with native-image (none can be installed on the project's build machines).
native:
	$(MVNW) package -Dnative -DskipTests

## Remove build output (not the cached Kubernetes binaries, not a running cluster).
clean:
	$(MVNW) -q clean

include hack/cluster/cluster.mk
include hack/run.mk
