package io.tributary.connector.pulsar;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Pulsar topic names as the source file writes them: {@code persistent://tenant/namespace/topic}, or the short forms
 * Pulsar itself accepts ({@code tenant/namespace/topic}, and {@code topic} for {@code public/default}). A pattern is
 * always written in full, since Pulsar matches it inside one namespace.
 */
record TopicNames(String domain, String tenant, String namespace, String local) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.=:-]+");
    private static final String DEFAULT_TENANT = "public";
    private static final String DEFAULT_NAMESPACE = "default";

    /** The full name, e.g. persistent://public/default/fleet. */
    String full() {
        return domain + "://" + tenant + "/" + namespace + "/" + local;
    }

    static TopicNames parse(String name) {
        String domain = "persistent";
        String rest = name;
        int scheme = name.indexOf("://");
        if (scheme >= 0) {
            domain = name.substring(0, scheme);
            rest = name.substring(scheme + 3);
            if (!domain.equals("persistent") && !domain.equals("non-persistent")) {
                throw new IllegalArgumentException("'" + name + "' must start with persistent:// or non-persistent://");
            }
        }
        String[] parts = rest.split("/", -1);
        if (parts.length == 1 && scheme < 0) {
            return check(name, new TopicNames(domain, DEFAULT_TENANT, DEFAULT_NAMESPACE, parts[0]));
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + name + "' is not a topic name; write "
                    + "persistent://<tenant>/<namespace>/<topic>, <tenant>/<namespace>/<topic> or <topic>");
        }
        return check(name, new TopicNames(domain, parts[0], parts[1], parts[2]));
    }

    private static TopicNames check(String name, TopicNames parsed) {
        for (String segment : List.of(parsed.tenant, parsed.namespace, parsed.local)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a topic name: '" + segment
                        + "' may hold only letters, digits and _ - . = :");
            }
        }
        return parsed;
    }

    /** A pattern: persistent://tenant/namespace/ followed by a Java regular expression for the topic part. */
    static TopicNames parsePattern(String pattern) {
        int scheme = pattern.indexOf("://");
        String[] parts = scheme < 0 ? new String[0] : pattern.substring(scheme + 3).split("/", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("'" + pattern + "' must be persistent://<tenant>/<namespace>/<regex>, "
                    + "e.g. persistent://public/default/fleet-.*; Pulsar matches topics inside one namespace");
        }
        String domain = pattern.substring(0, scheme);
        if (!domain.equals("persistent") && !domain.equals("non-persistent")) {
            throw new IllegalArgumentException("'" + pattern + "' must start with persistent:// or non-persistent://");
        }
        for (String segment : List.of(parts[0], parts[1])) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + pattern + "': tenant and namespace may hold only letters, "
                        + "digits and _ - . = :, found '" + segment + "'");
            }
        }
        try {
            Pattern.compile(parts[2]);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + parts[2] + "' is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        return new TopicNames(domain, parts[0], parts[1], parts[2]);
    }

    static String problem(String name) {
        try {
            parse(name);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String patternProblem(String pattern) {
        try {
            parsePattern(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String listProblem(List<String> names) {
        if (names.isEmpty()) {
            return "name at least one topic";
        }
        for (String name : names) {
            String problem = problem(name);
            if (problem != null) {
                return problem;
            }
        }
        long distinct = names.stream().map(n -> parse(n).full()).distinct().count();
        return distinct < names.size() ? "a topic is listed twice" : null;
    }
}
