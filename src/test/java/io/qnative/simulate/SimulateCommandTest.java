package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The command line: JSON and CSV traces from files and standard input, results to standard output or a file, the
 * chart, and clear errors (exit code 2) naming the line or sample and the field.
 */
class SimulateCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SMALL = """
            {"annotations": {"autoscaling.knative.dev/target": "10"}, "initialReadyPods": 1,
             "samples": [{"t": 0, "concurrency": 30, "rps": 5}, {"t": 6, "concurrency": 30}]}
            """;

    @TempDir
    Path dir;

    @Test
    void jsonFromStandardInputGivesResultsOnStandardOutput() throws Exception {
        Traces.Run run = Traces.command(SMALL, "-");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.at("/resolved/decider/targetValue").asDouble()).isEqualTo(7.0);
        assertThat(out.at("/resolved/config/container-concurrency-target-percentage").asDouble()).isEqualTo(70);
        assertThat(out.at("/resolved/config/stable-window").asInt()).isEqualTo(60);
        assertThat(out.at("/resolved/config/enable-scale-to-zero").isBoolean()).isTrue();
        assertThat(out.get("records")).hasSize(3);
        // ceil(30 / 7) = 5 pods
        assertThat(out.at("/records/0/deciderPods").asInt()).isEqualTo(5);
        assertThat(out.at("/records/0/observed/concurrency").asDouble()).isEqualTo(30);
    }

    @Test
    void everyConfigAutoscalerKeyIsReportedWithItsEffectiveValue() throws Exception {
        Traces.Run run = Traces.command(SMALL.replace("\"initialReadyPods\"",
                "\"config\": {\"container-concurrency-target-percentage\": \"0.8\", \"stable-window\": \"1m30s\","
                        + " \"enable-scale-to-zero\": \"false\"}, \"initialReadyPods\""), "-");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode config = JSON.readTree(run.out()).at("/resolved/config");
        assertThat(List.of(config.fieldNames().next())).isNotEmpty();
        assertThat(config.size()).isEqualTo(20);
        assertThat(config.get("container-concurrency-target-percentage").asDouble()).isEqualTo(80);
        assertThat(config.get("stable-window").asInt()).isEqualTo(90);
        assertThat(config.get("enable-scale-to-zero").asBoolean()).isFalse();
        assertThat(config.get("pod-autoscaler-class").asText()).isEqualTo("kpa.autoscaling.knative.dev");
    }

    @Test
    void csvFromAFileTakesAnnotationsAndConfigFromFlags() throws Exception {
        Path csv = dir.resolve("load.csv");
        Files.writeString(csv, """
                # seconds, then the load
                t,concurrency,rps,readyPods
                0,30,5,1
                2,30,,
                4,30,5,
                """);
        Path out = dir.resolve("out.json");
        Traces.Run run = Traces.command("", csv.toString(), "--annotation", "target=10", "--config",
                "stable-window=30s", "--out", out.toString(), "--pod-start-seconds=1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        JsonNode result = JSON.readTree(out.toFile());
        assertThat(result.at("/resolved/decider/targetValue").asDouble()).isEqualTo(7.0);
        assertThat(result.at("/resolved/decider/stableWindowSeconds").asInt()).isEqualTo(30);
        assertThat(result.at("/resolved/decider/panicWindowSeconds").asInt()).isEqualTo(3);
        assertThat(result.get("records")).hasSize(2);
    }

    @Test
    void csvFromStandardInput() throws Exception {
        Traces.Run run = Traces.command("t,concurrency\n0,7\n2,7\n", "-", "--csv", "--initial-ready-pods", "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).at("/records/0/deciderPods").asInt()).isEqualTo(1);
    }

    @Test
    void theChartIsAnSvgWithLabelledAxesAndShadedPanic() throws Exception {
        Path svg = dir.resolve("chart.svg");
        Traces.Run run = Traces.command(SMALL, "-", "--svg", svg.toString());
        assertThat(run.code()).as(run.err()).isZero();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("time (s)", "pods", "concurrency", "desired pods", "ready pods", "panic mode");
        // one ready pod and ceil(30 / 7) = 5 wanted: panic from the first decision, so a shaded period exists
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        boolean shaded = false;
        for (int i = 0; i < rects.getLength(); i++) {
            shaded |= "0.5".equals(rects.item(i).getAttributes().getNamedItem("fill-opacity") == null ? null
                    : rects.item(i).getAttributes().getNamedItem("fill-opacity").getNodeValue());
        }
        assertThat(shaded).isTrue();
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()).isGreaterThan(3);
    }

    static List<Arguments> badTraces() {
        return List.of(
                Arguments.of("syntax error names the line", "{\n  \"samples\": [\n    {\"t\": 0,}\n  ]\n}",
                        "-:3:"),
                Arguments.of("a non-number names the sample and the field",
                        "{\"samples\": [{\"t\": 0}, {\"t\": 1, \"concurrency\": \"lots\"}]}",
                        "sample 1: field \"concurrency\": \"lots\" is not a number"),
                Arguments.of("an unknown sample field", "{\"samples\": [{\"t\": 0, \"concurency\": 1}]}",
                        "sample 0: field \"concurency\": unknown field"),
                Arguments.of("an unknown top-level field", "{\"sample\": []}", "field \"sample\": unknown field"),
                Arguments.of("no samples", "{\"samples\": []}", "field \"samples\": must be a non-empty array"),
                Arguments.of("time going backwards", "{\"samples\": [{\"t\": 5}, {\"t\": 3}]}",
                        "sample 1: field \"t\": 3 comes after 5"),
                Arguments.of("a fractional second of load", "{\"samples\": [{\"t\": 0.5}]}",
                        "sample 0: field \"t\": 0.5 is not a whole second"),
                Arguments.of("a load trace longer than a week", "{\"samples\": [{\"t\": 0}, {\"t\": 1e9}]}",
                        "sample 1: field \"t\": the load spans 1000000000 s; at most 604800 s"),
                Arguments.of("a negative load", "{\"samples\": [{\"t\": 0, \"rps\": -1}]}",
                        "sample 0: field \"rps\": -1 is out of range"),
                Arguments.of("a replay sample among load samples",
                        "{\"samples\": [{\"t\": 0}, {\"t\": 2, \"metricsError\": \"no_data\", \"readyPods\": 1}]}",
                        "sample 1: has \"observed\"/\"metricsError\""),
                Arguments.of("a replay without a pod count",
                        "{\"samples\": [{\"t\": 0, \"metricsError\": \"no_data\"}]}",
                        "sample 0: field \"readyPods\": a replayed sample needs"),
                Arguments.of("an unknown metrics error",
                        "{\"samples\": [{\"t\": 0, \"metricsError\": \"late\", \"readyPods\": 1}]}",
                        "sample 0: field \"metricsError\": \"late\" is not one of no_data, other"),
                Arguments.of("a missing observed metric",
                        "{\"annotations\": {\"metric\": \"rps\"}, \"samples\": [{\"t\": 0, \"readyPods\": 1, "
                                + "\"observed\": {\"concurrency\": {\"stable\": 1, \"panic\": 1}}}]}",
                        "sample 0: field \"observed.rps\": missing"),
                Arguments.of("a bad decider parameter",
                        "{\"decider\": {\"targetValue\": 0}, \"samples\": [{\"t\": 0}]}",
                        "field \"decider.targetValue\": 0 must be greater than 0"),
                Arguments.of("an invalid annotation is refused as the webhook refuses it",
                        "{\"annotations\": {\"autoscaling.knative.dev/target\": \"0.001\"}, \"samples\": [{\"t\": 0}]}",
                        "autoscaling.knative.dev/target"),
                Arguments.of("an invalid config-autoscaler value names the key",
                        "{\"config\": {\"max-scale-down-rate\": \"0.5\"}, \"samples\": [{\"t\": 0}]}",
                        "config-autoscaler: \"max-scale-down-rate\" = \"0.5\": must be greater than 1"),
                Arguments.of("the hpa class cannot be simulated",
                        "{\"annotations\": {\"class\": \"hpa.autoscaling.knative.dev\"}, \"samples\": [{\"t\": 0}]}",
                        "only kpa.autoscaling.knative.dev revisions can be simulated"),
                Arguments.of("a bad reachability", "{\"reachability\": \"maybe\", \"samples\": [{\"t\": 0}]}",
                        "field \"reachability\": \"maybe\" is not reachable, unreachable or unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTraces")
    void aBadJsonTraceExitsWithTwoAndSaysWhere(String name, String trace, String message) {
        Traces.Run run = Traces.command(trace, "-");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("qnative simulate: -").contains(message);
    }

    static List<Arguments> badCsv() {
        return List.of(
                Arguments.of("t,concurrency\n0,1\n1,x\n", "-:3: column \"concurrency\": \"x\" is not a number"),
                Arguments.of("t,load\n", "-:1: column 2 of the header: \"load\" is not one of t,concurrency,rps"),
                Arguments.of("concurrency\n1\n", "-:1: the header has no \"t\" column"),
                Arguments.of("t,rps\n0,1,2\n", "-:2: 3 cells, the header has 2"),
                Arguments.of("t,readyPods\n0,1.5\n", "-:2: column \"readyPods\": 1.5 must be a whole number"),
                Arguments.of("t\n2\n1\n", "line 3: field \"t\": 1 comes after 2"),
                Arguments.of("", "-: empty"));
    }

    @ParameterizedTest
    @MethodSource("badCsv")
    void aBadCsvTraceNamesTheLineAndColumn(String csv, String message) {
        Traces.Run run = Traces.command(csv, "-", "--csv");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    @Test
    void aBadCommandLineShowsTheUsage() {
        for (String[] args : List.of(new String[0], new String[] {"a.json", "b.json"},
                new String[] {"a.json", "--out"}, new String[] {"a.json", "--frobnicate"},
                new String[] {"-", "--annotation", "target"}, new String[] {"-", "--tick-seconds", "0"})) {
            Traces.Run run = Traces.command("", args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).contains("usage: qnative simulate TRACE");
        }
    }

    @Test
    void aMissingFileIsAnIoFailure() {
        Traces.Run run = Traces.command("", dir.resolve("absent.json").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("absent.json: no such file");
    }

    @Test
    void aTraceFileNeedsAKnownExtension() {
        Traces.Run run = Traces.command("", "trace.txt");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("trace.txt: a trace file ends in .json or .csv");
    }

    @Test
    void helpGoesToStandardOutput() {
        Traces.Run run = Traces.command("", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--svg FILE");
        assertThat(new String(run.err().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEmpty();
    }
}
