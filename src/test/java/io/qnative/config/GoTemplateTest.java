package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

    private static final Map<String, Object> ROUTE = Map.of("Name", "hello", "Namespace", "default", "Domain",
            "example.com", "Annotations", Map.of("sub", "foo"), "Labels", Map.of("b", "2", "a", "1"));

    @Test
    void rendersFieldsAndIndex() {
        assertThat(GoTemplate.parse("{{.Name}}.{{.Namespace}}.{{.Domain}}").render(ROUTE))
                .isEqualTo("hello.default.example.com");
        assertThat(GoTemplate.parse("{{.Name}}-{{.Namespace}}.{{ index .Annotations \"sub\"}}.{{.Domain}}")
                .render(ROUTE)).isEqualTo("hello-default.foo.example.com");
        assertThat(GoTemplate.parse("{{ index .Annotations `missing` }}x").render(ROUTE)).isEqualTo("x");
        assertThat(GoTemplate.parse("{{.Labels}}").render(ROUTE)).isEqualTo("map[a:1 b:2]");
        assertThat(GoTemplate.parse("plain").render(ROUTE)).isEqualTo("plain");
    }

    @Test
    void trimMarkersAndComments() {
        assertThat(GoTemplate.parse("a  {{- .Name -}}  b{{/* note */}}").render(ROUTE)).isEqualTo("ahellob");
    }

    @Test
    void nilMapsRenderLikeGo() {
        Map<String, Object> data = new HashMap<>();
        data.put("Annotations", null);
        assertThat(GoTemplate.parse("{{.Annotations}}|{{index .Annotations \"x\"}}").render(data))
                .isEqualTo("map[]|");
    }

    @Test
    void refusesUnknownFieldsWhenRendering() {
        assertThatThrownBy(() -> GoTemplate.parse("{{.Nope}}").render(ROUTE))
                .hasMessage("can't evaluate field Nope");
    }

    @Test
    void refusesUnsupportedOrBrokenActions() {
        assertThatThrownBy(() -> GoTemplate.parse("{{.Name")).hasMessageContaining("unclosed action");
        assertThatThrownBy(() -> GoTemplate.parse("{{.Name | upper}}")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> GoTemplate.parse("{{}}")).hasMessageContaining("empty action");
    }

    @Test
    void equalByText() {
        assertThat(GoTemplate.parse("{{.Name}}")).isEqualTo(GoTemplate.parse("{{.Name}}"));
    }
}
