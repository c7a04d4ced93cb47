package io.qnative.testing;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.config.ConfigSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The shared shape of Knative's {@code Test*UserInfo} tables (pkg/apis/serving/v1/*_defaults_test.go): three users,
 * objects with or without creator/lastModifier annotations, and the run of a row.
 */
public final class UserInfoRows {

    public static final String U1 = "oveja@knative.dev";
    public static final String U2 = "cabra@knative.dev";
    public static final String U3 = "vaca@knative.dev";
    public static final String CREATOR = ServingKeys.CREATOR;
    public static final String UPDATER = ServingKeys.LAST_MODIFIER;

    private UserInfoRows() {
    }

    /** Metadata YAML with the two annotations ({@code withUserAnns}). */
    public static String meta(String creator, String updater) {
        return "{annotations: {" + CREATOR + ": '" + creator + "', " + UPDATER + ": '" + updater + "'}}";
    }

    /** The two annotations as a map. */
    public static Map<String, String> both(String creator, String updater) {
        return Map.of(CREATOR, creator, UPDATER, updater);
    }

    /**
     * The rows the Go tables share, each {@code (name, user, thisMeta, thisSpec, prevMeta, prevSpec, want)} with
     * {@code prevMeta} null for a create: {@code spec} and {@code otherSpec} are the two specs an update changes
     * between; {@code noDiffOld} adds "update-no-diff-old-object" (DomainMapping's table has no such row).
     */
    public static Stream<Arguments> rows(String spec, String otherSpec, boolean noDiffOld) {
        Stream.Builder<Arguments> rows = Stream.builder();
        rows.add(Arguments.of("create-new", U1, "{}", "{}", null, "{}", both(U1, U1)));
        if (noDiffOld) {
            rows.add(Arguments.of("update-no-diff-old-object", U1, "{}", "{}", "{}", "{}", Map.of()));
        }
        rows.add(Arguments.of("update-no-diff-new-object", U2, meta(U1, U1), "{}", meta(U1, U1), "{}", both(U1, U1)));
        rows.add(Arguments.of("update-diff-old-object", U2, "{}", spec, "{}", otherSpec, Map.of(UPDATER, U2)));
        rows.add(Arguments.of("update-diff-new-object", U3, meta(U1, U2), spec, meta(U1, U2), otherSpec,
                both(U1, U3)));
        return rows.build();
    }

    /**
     * A row's run: without {@code prev} the object is admitted (Go's context has a user and no operation, which
     * SetUserInfo treats as a create); with it, {@code prev} is defaulted in the update context first, then the
     * object, as the Go loop does.
     */
    public static <T extends Defaultable> void setDefaults(T now, T prev, String user) {
        if (prev == null) {
            now.setDefaults(AdmissionContext.create(ConfigSnapshot.DEFAULT, user));
            return;
        }
        AdmissionContext ctx = AdmissionContext.update(ConfigSnapshot.DEFAULT, user, prev);
        prev.setDefaults(ctx);
        now.setDefaults(ctx);
    }

    /**
     * The annotations, none as an empty map: Go's rows want {@code map[string]string{}} where SetUserInfo made the
     * map and set nothing, the same JSON as none ({@code omitempty}).
     */
    public static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : new LinkedHashMap<>(meta.getAnnotations());
    }
}
