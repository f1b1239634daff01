package io.tributary.connector.kinesis;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.util.Map;
import java.util.Optional;

/** Reads the kinesis section of a source file the way the hub does, failing on any problem. */
final class TestSources {

    private static final Option<ConfigValues> KINESIS = Option.section("kinesis", KinesisOptions.SECTION).required()
            .description("kinesis").build();
    private static final Section ROOT = Section.builder("root").add(KINESIS).build();

    private TestSources() {
    }

    static SourceDefinition source(String name, String kinesisYaml, Map<String, String> env) {
        Problems problems = new Problems();
        String yaml = "kinesis:\n" + kinesisYaml.indent(2);
        ConfigValues root = new SpecReader(v -> Optional.ofNullable(env.get(v))).read(name + ".yaml", yaml, ROOT,
                problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return new SourceDefinition(name, "kinesis", root.get(KINESIS), name + ".yaml");
    }
}
