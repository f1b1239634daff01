package io.tributary.connector.azureiothub;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the azure-iothub section of a source file the way the hub does. */
final class TestSources {

    static final String CONNECTION = "Endpoint=sb://iothub-ns-acme-fleet-123.servicebus.windows.net/;"
            + "SharedAccessKeyName=service;SharedAccessKey=c2VjcmV0LWtleS12YWx1ZQ==;EntityPath=acme-fleet-hub";
    static final String STORAGE = "DefaultEndpointsProtocol=https;AccountName=acmehub;AccountKey=c3RvcmFnZS1rZXk=;"
            + "EndpointSuffix=core.windows.net";
    static final Map<String, String> ENV = Map.of("IOTHUB_CONNECTION", CONNECTION, "CHECKPOINT_STORAGE", STORAGE);

    static final Option<ConfigValues> IOTHUB = Option.section("azure-iothub", AzureIotHubOptions.SECTION).required()
            .description("azure-iothub").build();
    private static final Section ROOT = Section.builder("root").add(IOTHUB).build();

    private TestSources() {
    }

    static SourceDefinition source(String name, String yaml, Map<String, String> env) {
        Problems problems = new Problems();
        ConfigValues root = read(name, yaml, env, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return new SourceDefinition(name, "azure-iothub", root.get(IOTHUB), name + ".yaml");
    }

    /** Every problem, as {@code file:line:col: key.path: message}. */
    static List<String> problems(String yaml, Map<String, String> env) {
        Problems problems = new Problems();
        read("src", yaml, env, problems);
        return problems.sorted().stream().map(Object::toString).toList();
    }

    private static ConfigValues read(String name, String yaml, Map<String, String> env, Problems problems) {
        String text = "azure-iothub:\n" + yaml.indent(2);
        return new SpecReader(v -> Optional.ofNullable(env.get(v))).read(name + ".yaml", text, ROOT, problems);
    }
}
