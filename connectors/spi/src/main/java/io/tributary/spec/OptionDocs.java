package io.tributary.spec;

/** Writes the option reference as Markdown tables, one row per key path, straight from the declarations. */
public final class OptionDocs {

    private OptionDocs() {
    }

    public static String markdown(String heading, Section section) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(heading).append("\n\n");
        if (section.description() != null) {
            out.append(section.description()).append("\n\n");
        }
        out.append("| key | type | default | description |\n|---|---|---|---|\n");
        rows(out, "", section);
        return out.append('\n').toString();
    }

    private static void rows(StringBuilder out, String prefix, Section section) {
        for (Option<?> option : section.options()) {
            String key = prefix + option.name();
            String description = option.description()
                    + (option.required() ? " **Required.**" : "")
                    + (option.secret() ? " **Secret**: give it as `${ENV_VAR}`; it is never printed." : "");
            String defaultText = option.defaultText() == null ? "" : "`" + option.defaultText() + "`";
            out.append("| `").append(key).append("` | ").append(option.type().docName().replace("|", "\\|"))
                    .append(" | ").append(defaultText).append(" | ").append(description.replace("|", "\\|"))
                    .append(" |\n");
            if (option.type() instanceof SectionType nested) {
                rows(out, key + ".", nested.section());
            } else if (option.type() instanceof ListType<?> list && list.element() instanceof SectionType nested) {
                rows(out, key + "[].", nested.section());
            }
        }
    }
}
