package io.qnative.api.serving.v1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.validation.AdmissionContext;

/** Knative's {@code serving.SetUserInfo}: creator and lastModifier annotations from the requesting user. */
public final class UserInfo {

    private UserInfo() {
    }

    /**
     * On CREATE sets both annotations; on UPDATE sets lastModifier only when the (defaulted) spec changed; a
     * reconciler's defaulting has no user and sets neither.
     *
     * @param oldSpec the defaulted old spec (UPDATE only)
     */
    public static void set(AdmissionContext ctx, Object oldSpec, Object newSpec, ObjectMeta meta) {
        if (meta == null || ctx.isReconcile()) {
            return;
        }
        Map<String, String> ans = meta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(meta.getAnnotations());
        if (ctx.isUpdate()) {
            if (Objects.equals(oldSpec, newSpec)) {
                return;
            }
            ans.put(ServingKeys.LAST_MODIFIER, ctx.username());
        } else {
            ans.put(ServingKeys.CREATOR, ctx.username());
            ans.put(ServingKeys.LAST_MODIFIER, ctx.username());
        }
        meta.setAnnotations(ans);
    }
}
