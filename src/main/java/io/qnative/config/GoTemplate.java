package io.qnative.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Go's {@code text/template} that Knative's name templates use: literal text, {@code {{.Field}}}
 * (also {@code {{ .Field.Sub }}}), {@code {{index .Map "key"}}}, comments and the {@code {{-}} / {@code -}}}
 * trim markers. Anything else (pipelines, functions, conditionals) is refused when parsed, so a template that
 * passes {@link #parse} always renders the same way Go would. The data is a map standing for a Go struct: an
 * unknown field is an error, a missing map key renders as an empty string, a map renders as {@code map[k:v]}.
 */
public final class GoTemplate {

    private static final Pattern FIELD_CHAIN = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern INDEX =
            Pattern.compile("index\\s+((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)");

    private final String text;
    private final List<Node> nodes;

    private GoTemplate(String text, List<Node> nodes) {
        this.text = text;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the first unclosed or unsupported action
     */
    public static GoTemplate parse(String text) {
        List<Node> nodes = new ArrayList<>();
        int pos = 0;
        boolean trimNextLeading = false;
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                nodes.add(new Literal(trimNextLeading ? text.substring(pos).stripLeading() : text.substring(pos)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("template has an unclosed action at offset " + open);
            }
            String literal = text.substring(pos, open);
            if (trimNextLeading) {
                literal = literal.stripLeading();
            }
            String action = text.substring(open + 2, close);
            if (action.startsWith("- ") || "-".equals(action)) {
                literal = literal.stripTrailing();
                action = action.substring(1);
            }
            trimNextLeading = action.endsWith(" -");
            if (trimNextLeading) {
                action = action.substring(0, action.length() - 2);
            }
            nodes.add(new Literal(literal));
            Node node = action(action.strip());
            if (node != null) {
                nodes.add(node);
            }
            pos = close + 2;
        }
        return new GoTemplate(text, nodes);
    }

    private static Node action(String action) {
        if (action.startsWith("/*") && action.endsWith("*/")) {
            return null;
        }
        if (FIELD_CHAIN.matcher(action).matches()) {
            return new Field(action.substring(1).split("\\."));
        }
        Matcher index = INDEX.matcher(action);
        if (index.matches()) {
            String quoted = index.group(2);
            String key = quoted.substring(1, quoted.length() - 1).replaceAll("\\\\(.)", "$1");
            return new Index(index.group(1).substring(1).split("\\."), key);
        }
        if (action.isEmpty()) {
            throw new IllegalArgumentException("template has an empty action {{}}");
        }
        throw new IllegalArgumentException("template action {{" + action
                + "}} is not supported (use {{.Field}} or {{index .Map \"key\"}})");
    }

    /** The template source. */
    public String text() {
        return text;
    }

    /**
     * Renders against {@code data}, a map standing for a Go struct.
     *
     * @throws IllegalArgumentException when a field does not exist in the data
     */
    public String render(Map<String, ?> data) {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) {
            node.render(data, out);
        }
        return out.toString();
    }

    /** Two templates are equal when their source text is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GoTemplate other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        void render(Map<String, ?> data, StringBuilder out);
    }

    private record Literal(String text) implements Node {
        @Override
        public void render(Map<String, ?> data, StringBuilder out) {
            out.append(text);
        }
    }

    private record Field(String[] path) implements Node {
        @Override
        public void render(Map<String, ?> data, StringBuilder out) {
            out.append(print(resolve(data, path)));
        }
    }

    private record Index(String[] path, String key) implements Node {
        @Override
        public void render(Map<String, ?> data, StringBuilder out) {
            Object target = resolve(data, path);
            if (target != null && !(target instanceof Map)) {
                throw new IllegalArgumentException("can't index ." + String.join(".", path) + ": not a map");
            }
            Object value = target == null ? null : ((Map<?, ?>) target).get(key);
            out.append(value == null ? "" : print(value));
        }
    }

    private static Object resolve(Map<String, ?> data, String[] path) {
        Object current = data;
        for (String name : path) {
            if (!(current instanceof Map) || !((Map<?, ?>) current).containsKey(name)) {
                throw new IllegalArgumentException("can't evaluate field " + name);
            }
            current = ((Map<?, ?>) current).get(name);
        }
        return current;
    }

    private static String print(Object value) {
        if (value == null) {
            return "map[]";
        }
        if (value instanceof Map) {
            StringBuilder sb = new StringBuilder("map[");
            new TreeMap<Object, Object>((Map<?, ?>) value).forEach((k, v) -> {
                if (sb.length() > 4) {
                    sb.append(' ');
                }
                sb.append(k).append(':').append(v);
            });
            return sb.append(']').toString();
        }
        return value.toString();
    }
}
