package io.qnative.api.serving;

import static io.qnative.api.validation.GoFormat.nz;

import static io.qnative.api.serving.PodSpecValidation.list;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.FeaturesConfig;

/** Volumes and volume mounts ({@code ValidateVolumes}, {@code validateVolumeMounts}). */
final class VolumeValidation {

    private static final Set<String> RESERVED_PATHS = Set.of("/", "/dev", "/dev/log");
    /** Gated sources: JSON name → (flag, display kind). */
    private static final Map<String, String[]> GATED = gated();

    private VolumeValidation() {
    }

    private static Map<String, String[]> gated() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("emptyDir", new String[] {FeaturesConfig.PODSPEC_VOLUMES_EMPTYDIR, "EmptyDir"});
        m.put("persistentVolumeClaim", new String[] {"kubernetes.podspec-persistent-volume-claim", ""});
        m.put("hostPath", new String[] {"kubernetes.podspec-volumes-hostpath", "HostPath"});
        m.put("csi", new String[] {"kubernetes.podspec-volumes-csi", "CSI"});
        m.put("ephemeral", new String[] {"kubernetes.podspec-volumes-ephemeral", "Ephemeral"});
        m.put("image", new String[] {"kubernetes.podspec-volumes-image", "Image"});
        return m;
    }

    /** Validates the volumes, filling {@code byName}. */
    static FieldError volumes(List<Volume> vs, Set<String> mounted, Map<String, Volume> byName,
            FeaturesConfig features) {
        FieldError errs = FieldError.none();
        for (int i = 0; i < vs.size(); i++) {
            Volume v = vs.get(i);
            String name = nz(v.getName());
            if (byName.containsKey(name)) {
                errs = errs.also(FieldError.generic("duplicate volume name " + GoFormat.quote(name), "name")
                        .viaIndex(i));
            }
            if (!mounted.contains(name)) {
                errs = errs.also(FieldError.generic("volume with name " + GoFormat.quote(name) + " not mounted",
                        "name").viaIndex(i));
            }
            errs = errs.also(volume(v, features).viaIndex(i));
            byName.put(name, v);
        }
        return errs;
    }

    private static FieldError volume(Volume v, FeaturesConfig features) {
        FieldError errs = FieldError.none();
        Map<String, Object> fields = Masks.fields(v);
        Set<String> allowed = new HashSet<>(Set.of("name", "secret", "configMap", "projected"));
        GATED.forEach((field, gate) -> {
            if (features.allowed(gate[0])) {
                allowed.add(field);
            }
        });
        if (v.getPersistentVolumeClaim() != null) {
            String claim = nz(v.getPersistentVolumeClaim().getClaimName());
            if (!features.enabled("kubernetes.podspec-persistent-volume-claim")) {
                errs = errs.also(FieldError.generic("Persistent volume claim support is disabled, but found "
                        + "persistent volume claim " + claim));
            }
            if (!Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly())
                    && !features.enabled("kubernetes.podspec-persistent-volume-write")) {
                errs = errs.also(FieldError.generic("Persistent volume write support is disabled, but found "
                        + "persistent volume claim " + claim + " that is not read-only"));
            }
        }
        for (Map.Entry<String, String[]> g : GATED.entrySet()) {
            if (!g.getValue()[1].isEmpty() && fields.containsKey(g.getKey()) && !features.enabled(g.getValue()[0])) {
                String kind = g.getValue()[1];
                errs = errs.also(FieldError.generic(kind + " volume support is disabled, but found " + kind
                        + " volume " + nz(v.getName())));
            }
        }
        errs = errs.also(Masks.disallowed(v, allowed));
        if (nz(v.getName()).isEmpty()) {
            errs = FieldError.missingField("name");
        } else if (!K8sNames.dns1123Label(v.getName()).isEmpty()) {
            errs = FieldError.invalidValue(v.getName(), "name");
        }
        List<String> specified = new ArrayList<>();
        if (v.getSecret() != null) {
            specified.add("secret");
            errs = errs.also(keyToPaths(list(v.getSecret().getItems())));
        }
        if (v.getConfigMap() != null) {
            specified.add("configMap");
            errs = errs.also(keyToPaths(list(v.getConfigMap().getItems())));
        }
        if (v.getProjected() != null) {
            specified.add("projected");
            List<VolumeProjection> sources = list(v.getProjected().getSources());
            for (int i = 0; i < sources.size(); i++) {
                errs = errs.also(projection(sources.get(i)).viaFieldIndex("projected", i));
            }
        }
        if (v.getEmptyDir() != null) {
            specified.add("emptyDir");
            FieldError ed = FieldError.none();
            String medium = nz(v.getEmptyDir().getMedium());
            if (!medium.isEmpty() && !medium.equals("Memory")) {
                ed = ed.also(FieldError.invalidValue(medium, "medium"));
            }
            if (v.getEmptyDir().getSizeLimit() != null
                    && v.getEmptyDir().getSizeLimit().getAmount().startsWith("-")) {
                ed = ed.also(FieldError.invalidValue(v.getEmptyDir().getSizeLimit(), "sizeLimit"));
            }
            errs = errs.also(ed.viaField("emptyDir"));
        }
        if (v.getPersistentVolumeClaim() != null) {
            specified.add("persistentVolumeClaim");
        }
        for (String f : List.of("hostPath", "csi", "ephemeral", "image")) {
            if (fields.containsKey(f)) {
                specified.add(f);
            }
        }
        if (specified.isEmpty()) {
            List<String> paths = new ArrayList<>(List.of("secret", "configMap", "projected"));
            if (features.enabled(FeaturesConfig.PODSPEC_VOLUMES_EMPTYDIR)) {
                paths.add("emptyDir");
            }
            if (features.enabled("kubernetes.podspec-persistent-volume-claim")) {
                paths.add("persistentVolumeClaim");
            }
            errs = errs.also(FieldError.missingOneOf(paths.toArray(String[]::new)));
        } else if (specified.size() > 1) {
            errs = errs.also(FieldError.multipleOneOf(specified.toArray(String[]::new)));
        }
        return errs;
    }

    private static FieldError keyToPaths(List<KeyToPath> items) {
        FieldError errs = FieldError.none();
        for (int i = 0; i < items.size(); i++) {
            KeyToPath k = items.get(i);
            FieldError e = Masks.disallowed(k, Set.of("key", "path", "mode"));
            if (nz(k.getKey()).isEmpty()) {
                e = e.also(FieldError.missingField("key"));
            }
            if (nz(k.getPath()).isEmpty()) {
                e = e.also(FieldError.missingField("path"));
            }
            errs = errs.also(e.viaFieldIndex("items", i));
        }
        return errs;
    }

    private static FieldError projection(VolumeProjection vp) {
        FieldError errs = Masks.disallowed(vp, Set.of("secret", "configMap", "serviceAccountToken", "downwardAPI"));
        List<String> specified = new ArrayList<>();
        if (vp.getSecret() != null) {
            specified.add("secret");
            FieldError e = Masks.disallowed(vp.getSecret(), Set.of("name", "items", "optional"), Set.of("optional"));
            if (nz(vp.getSecret().getName()).isEmpty()) {
                e = e.also(FieldError.missingField("name"));
            }
            errs = errs.also(e.also(keyToPaths(list(vp.getSecret().getItems()))).viaField("secret"));
        }
        if (vp.getConfigMap() != null) {
            specified.add("configMap");
            FieldError e = Masks.disallowed(vp.getConfigMap(), Set.of("name", "items", "optional"),
                    Set.of("optional"));
            if (nz(vp.getConfigMap().getName()).isEmpty()) {
                e = e.also(FieldError.missingField("name"));
            }
            errs = errs.also(e.also(keyToPaths(list(vp.getConfigMap().getItems()))).viaField("configMap"));
        }
        if (vp.getServiceAccountToken() != null) {
            specified.add("serviceAccountToken");
            FieldError e = Masks.disallowed(vp.getServiceAccountToken(),
                    Set.of("audience", "expirationSeconds", "path"));
            if (nz(vp.getServiceAccountToken().getPath()).isEmpty()) {
                e = e.also(FieldError.missingField("path"));
            }
            errs = errs.also(e.viaField("serviceAccountToken"));
        }
        if (vp.getDownwardAPI() != null) {
            specified.add("downwardAPI");
            FieldError e = Masks.disallowed(vp.getDownwardAPI(), Set.of("items"));
            List<DownwardAPIVolumeFile> items = list(vp.getDownwardAPI().getItems());
            for (int i = 0; i < items.size(); i++) {
                DownwardAPIVolumeFile f = items.get(i);
                FieldError fe = Masks.disallowed(f, Set.of("path", "fieldRef", "resourceFieldRef", "mode"));
                if (f.getFieldRef() == null && f.getResourceFieldRef() == null) {
                    fe = fe.also(FieldError.missingOneOf("fieldRef", "resourceFieldRef"));
                }
                if (f.getFieldRef() != null && f.getResourceFieldRef() != null) {
                    fe = fe.also(FieldError.generic("Within a single item, cannot set both", "resourceFieldRef",
                            "fieldRef"));
                }
                if (nz(f.getPath()).isEmpty()) {
                    fe = fe.also(FieldError.missingField("path"));
                }
                e = e.also(fe.viaFieldIndex("items", i));
            }
            errs = errs.also(e.viaField("downwardAPI"));
        }
        if (specified.isEmpty()) {
            errs = errs.also(FieldError.missingOneOf("secret", "configMap", "serviceAccountToken", "downwardAPI"));
        } else if (specified.size() > 1) {
            errs = errs.also(FieldError.multipleOneOf(specified.toArray(String[]::new)));
        }
        return errs;
    }

    /** {@code validateVolumeMounts}. */
    static FieldError mounts(List<VolumeMount> mounts, Map<String, Volume> volumes, FeaturesConfig features) {
        FieldError errs = FieldError.none();
        Set<String> seenPaths = new HashSet<>();
        Set<String> allowed = new HashSet<>(Set.of("name", "readOnly", "mountPath", "subPath"));
        if (features.allowed("kubernetes.podspec-volumes-mount-propagation")) {
            allowed.add("mountPropagation");
        }
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount vm = mounts.get(i);
            errs = errs.also(Masks.disallowed(vm, allowed).viaIndex(i));
            if (allowed.contains("mountPropagation") && vm.getMountPropagation() != null
                    && !Set.of("None", "HostToContainer").contains(vm.getMountPropagation())) {
                errs = errs.also(FieldError.invalidValue(vm.getMountPropagation(), "mountPropagation").viaIndex(i));
            }
            Volume v = volumes.get(nz(vm.getName()));
            if (v == null) {
                errs = errs.also(FieldError.generic("volumeMount has no matching volume", "name").viaIndex(i));
            }
            String mp = nz(vm.getMountPath());
            String clean = cleanPath(mp);
            if (mp.isEmpty()) {
                errs = errs.also(FieldError.missingField("mountPath").viaIndex(i));
            } else if (RESERVED_PATHS.contains(clean)) {
                errs = errs.also(FieldError.generic("mountPath " + GoFormat.quote(clean) + " is a reserved path",
                        "mountPath").viaIndex(i));
            } else if (!mp.startsWith("/")) {
                errs = errs.also(FieldError.invalidValue(mp, "mountPath").viaIndex(i));
            } else if (seenPaths.contains(clean)) {
                errs = errs.also(FieldError.invalidValue(GoFormat.quote(mp) + " must be unique", "mountPath")
                        .viaIndex(i));
            }
            seenPaths.add(clean);
            boolean readOnly = Boolean.TRUE.equals(vm.getReadOnly());
            boolean writable = v != null && (v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null
                    || v.getEphemeral() != null);
            if (!writable && !readOnly) {
                errs = errs.also(FieldError.generic("volume mount should be readOnly for this type of volume",
                        "readOnly").viaIndex(i));
            }
            if (v != null && v.getPersistentVolumeClaim() != null
                    && Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly()) && !readOnly) {
                errs = errs.also(FieldError.generic("volume is readOnly but volume mount is not", "readOnly")
                        .viaIndex(i));
            }
        }
        return errs;
    }

    /** Go's {@code path.Clean} for the cases mount paths need. */
    static String cleanPath(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
            } else {
                out.add(part);
            }
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
