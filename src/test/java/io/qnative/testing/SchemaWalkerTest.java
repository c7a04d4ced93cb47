package io.qnative.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The schema walker itself catches what it is meant to catch. */
class SchemaWalkerTest {

    static JsonNode yaml(String text) throws Exception {
        return Examples.YAML.readTree(text);
    }

    @Test
    void reportsNonStructuralSchemas() throws Exception {
        JsonNode schema = yaml("""
                type: object
                properties:
                  a: {properties: {x: {type: string}}}
                  b: {type: object, properties: {x: {type: string}}, additionalProperties: {type: string}}
                  c: {type: string, nullable: true}
                  d: {type: integer, x-kubernetes-int-or-string: true}
                  e: {type: array}
                  f: {type: object}
                  g: {x-kubernetes-preserve-unknown-fields: true}
                  h: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                """);
        assertThat(SchemaWalker.structuralErrors(schema)).containsExactlyInAnyOrder(
                ".a: missing type",
                ".a: properties on a non-object",
                ".b: properties and additionalProperties together",
                ".c: nullable is not allowed",
                ".d: int-or-string must not have a type",
                ".e: array needs a single items schema",
                ".f: object without properties would prune everything");
    }

    @Test
    void reportsTypeErrorsAndPrunedFields() throws Exception {
        JsonNode schema = yaml("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      n: {type: integer}
                      port: {x-kubernetes-int-or-string: true}
                      tags: {type: array, items: {type: string}}
                      labels: {type: object, additionalProperties: {type: string}}
                      open: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """);
        JsonNode doc = yaml("""
                apiVersion: x/v1
                kind: X
                metadata: {name: x, anything: 1}
                spec:
                  n: 1.5
                  port: http
                  tags: [a, 2]
                  labels: {a: b}
                  open: {anything: [1]}
                  extra: 1
                other: true
                """);
        SchemaWalker.Result r = SchemaWalker.validate(schema, doc);
        assertThat(r.typeErrors()).containsExactlyInAnyOrder(".spec.n: want integer, got NUMBER",
                ".spec.tags[1]: want string, got NUMBER");
        assertThat(r.pruned()).containsExactlyInAnyOrder(".spec.extra", ".other");
    }
}
