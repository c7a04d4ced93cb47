package io.qnative.api.serving;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.qnative.api.duck.Condition;
import io.qnative.api.duck.ConditionManager;
import io.qnative.api.duck.ConditionSet;
import io.qnative.api.duck.Status;

/**
 * Reads a Kubernetes Deployment's status as a Knative condition set ({@code serving.TransformDeploymentStatus}):
 * {@code Ready <- Progressing, ReplicaSetReady}, where {@code ReplicaSetReady} is the negation of the Deployment's
 * {@code ReplicaFailure} and {@code Progressing} starts Unknown {@code Deploying}.
 */
public final class DeploymentConditions {

    /** Mirrors the Deployment's {@code Progressing}. */
    public static final String PROGRESSING = "Progressing";
    /** The negation of the Deployment's {@code ReplicaFailure}. */
    public static final String REPLICA_SET_READY = "ReplicaSetReady";
    /** {@code Ready <- Progressing, ReplicaSetReady}. */
    public static final ConditionSet SET = ConditionSet.living(PROGRESSING, REPLICA_SET_READY);

    private DeploymentConditions() {
    }

    /** The Deployment's status as conditions; read its {@code Ready}. */
    public static Status transform(DeploymentStatus ds, Instant now) {
        Status s = new Status() {
            @Override
            public ConditionSet getConditionSet() {
                return SET;
            }
        };
        ConditionManager m = s.manage(now);
        m.initializeConditions();
        // The absence of ReplicaFailure means no failure occurred.
        m.markTrue(REPLICA_SET_READY);
        m.markUnknown(PROGRESSING, "Deploying", "");
        if (ds == null || ds.getConditions() == null) {
            return s;
        }
        for (String wanted : new String[] {"Progressing", "ReplicaFailure"}) {
            for (DeploymentCondition c : ds.getConditions()) {
                if (!wanted.equals(c.getType())) {
                    continue;
                }
                String status = c.getStatus();
                if ("Progressing".equals(wanted)) {
                    mark(m, PROGRESSING, status, c.getReason(), c.getMessage());
                } else {
                    mark(m, REPLICA_SET_READY, negate(status), c.getReason(), c.getMessage());
                }
            }
        }
        return s;
    }

    private static void mark(ConditionManager m, String type, String status, String reason, String message) {
        if (Condition.TRUE.equals(status)) {
            m.markTrue(type);
        } else if (Condition.FALSE.equals(status)) {
            m.markFalse(type, reason, message);
        } else if (Condition.UNKNOWN.equals(status)) {
            m.markUnknown(type, reason, message);
        }
    }

    private static String negate(String status) {
        if (Condition.TRUE.equals(status)) {
            return Condition.FALSE;
        }
        return Condition.FALSE.equals(status) ? Condition.TRUE : status;
    }
}
