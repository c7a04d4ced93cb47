package io.qnative.reconciler.revision.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry credentials from pull secrets ({@code kubernetes.io/dockerconfigjson} and {@code kubernetes.io/dockercfg},
 * as {@code k8schain} reads them) and the {@code WWW-Authenticate} challenges of the registry v2 API.
 */
public final class RegistryAuth {

    /** The secret type of {@code .dockerconfigjson} pull secrets. */
    public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    /** The secret type of legacy {@code .dockercfg} pull secrets. */
    public static final String DOCKER_CFG = "kubernetes.io/dockercfg";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    private RegistryAuth() {
    }

    /** A user name and password for one registry. */
    public record Credentials(String username, String password) {

        /** The {@code Authorization} header value of HTTP basic auth. */
        public String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    /** A parsed {@code WWW-Authenticate} challenge: {@code Basic} or {@code Bearer} with its parameters. */
    public record Challenge(String scheme, Map<String, String> params) {

        /** Whether this is a token (Bearer) challenge. */
        public boolean bearer() {
            return "bearer".equals(scheme);
        }
    }

    /** Parses a {@code WWW-Authenticate} header such as {@code Bearer realm="...",service="...",scope="..."}. */
    public static Challenge challenge(String header) {
        String h = header == null ? "" : header.trim();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher m = PARAM.matcher(h.substring(space + 1));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.put(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return new Challenge(scheme, params);
    }

    /**
     * The credentials per registry host of a pull secret's data (values base64 as stored).
     *
     * @throws IllegalArgumentException naming the key when the data cannot be read
     */
    public static Map<String, Credentials> fromSecret(String type, Map<String, String> data) {
        Map<String, Credentials> out = new LinkedHashMap<>();
        if (data == null) {
            return out;
        }
        JsonNode auths;
        String key = DOCKER_CFG.equals(type) ? ".dockercfg" : ".dockerconfigjson";
        String raw = data.get(key);
        if (raw == null) {
            return out;
        }
        try {
            JsonNode root = MAPPER.readTree(Base64.getDecoder().decode(raw));
            auths = DOCKER_CFG.equals(type) ? root : root.path("auths");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + key + " of the pull secret: " + e.getMessage(), e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            credentials(e.getValue()).ifPresent(c -> out.putIfAbsent(host(e.getKey()), c));
        }
        return out;
    }

    private static java.util.Optional<Credentials> credentials(JsonNode entry) {
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (user.isEmpty() && !auth.isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
        }
        return user.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Credentials(user, password));
    }

    /** The registry host of a docker config key: {@code https://index.docker.io/v1/} is {@code index.docker.io}. */
    static String host(String key) {
        String h = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = h.indexOf('/');
        h = slash < 0 ? h : h.substring(0, slash);
        h = h.toLowerCase(Locale.ROOT);
        return h.equals("docker.io") || h.equals("registry-1.docker.io") ? ImageRef.DOCKER_HUB : h;
    }
}
