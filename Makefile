# qnative: Knative Serving in one Quarkus binary. `make help` lists the targets.
# The README's two commands: `make run` (qnative against a local real cluster) and `make test` (every tier).

MVNW := ./mvnw -B

.DEFAULT_GOAL := help
.PHONY: help build test unit it e2e manifests native clean

# One tier's tests, optionally filtered (Surefire's -Dtest syntax): make it IT=ServiceReconcilerIT, make e2e E2E=ServingE2E.
IT ?=
E2E ?=
# Skips the unit tier and lets a tier run when the other one's filter matches nothing.
ONE_TIER := -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false

## Show the targets.
help:
	@awk '/^## /{doc=(doc ? doc " " : "") substr($$0,4); next} /^[a-z][a-z0-9-]*:/{if (doc) printf "  %-16s %s\n", substr($$1,1,length($$1)-1), doc} {doc=""}' $(MAKEFILE_LIST)

## Build the fast-jar at target/quarkus-app (no tests) and its application CDS archive for this machine's java (hack/appcds.sh).
build:
	$(MVNW) package -DskipTests
	@hack/appcds.sh || echo "build: WARNING: no target/quarkus-app/app-cds.jsa (hack/appcds.sh failed); the jar is built and starts without it" >&2

## Run every test tier: *Test (unit), *IT (mock API server, @QuarkusTest), *E2E (real local cluster, built on first use).
test:
	$(MVNW) verify

## Run the unit tier only (*Test, fast).
unit:
	$(MVNW) test

## Run the *IT tier only (mock API server, @QuarkusTest); IT=FooIT picks classes.
it:
	$(MVNW) verify $(ONE_TIER) -Dtests.it=$(IT) -Dtests.e2e=None

## Run the *E2E tier only (the real local cluster, built on first use); E2E=FooE2E picks classes.
e2e:
	$(MVNW) verify $(ONE_TIER) -Dtests.it=None -Dtests.e2e=$(E2E)

## Regenerate the CRDs in kubernetes/ from the Java API types (a test fails while they differ).
manifests:
	hack/gen-crds.sh

## Build a native executable; needs GraalVM or Mandrel with native-image on the PATH (untested so far).
native:
	$(MVNW) package -Dnative -DskipTests

## Remove build output (not the cached Kubernetes binaries, not a running cluster).
clean:
	$(MVNW) -q clean

include hack/cluster/cluster.mk
include hack/run.mk
