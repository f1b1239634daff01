package io.tributary.connector.pulsar;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the pulsar section of a source file the way the hub does. */
final class TestSources {

    static final Option<ConfigValues> PUBSUB = Option.section("pulsar", PulsarOptions.SECTION).required()
            .description("pulsar").build();
    private static final Section ROOT = Section.builder("root").add(PUBSUB).build();

    private TestSources() {
    }

    /** The section, failing on any problem. */
    static SourceDefinition source(String name, String pulsarYaml, Map<String, String> env) {
        Problems problems = new Problems();
        ConfigValues root = read(name, pulsarYaml, env, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return new SourceDefinition(name, "pulsar", root.get(PUBSUB), name + ".yaml");
    }

    /** Every problem, as {@code file:line:col: key.path: message}. */
    static List<String> problems(String pulsarYaml, Map<String, String> env) {
        Problems problems = new Problems();
        read("src", pulsarYaml, env, problems);
        return problems.sorted().stream().map(Object::toString).toList();
    }

    private static ConfigValues read(String name, String pulsarYaml, Map<String, String> env, Problems problems) {
        String yaml = "pulsar:\n" + pulsarYaml.indent(2);
        return new SpecReader(v -> Optional.ofNullable(env.get(v))).read(name + ".yaml", yaml, ROOT, problems);
    }
}
